/**
 * Where the data model's two schema files live: prisma/schema.prisma (SQLite) is the one source
 * of truth, and the PostgreSQL copy is derived from it (`npm run db:generate`).
 */
export const SOURCE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgresql/schema.prisma";
