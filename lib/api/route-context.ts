/** The second argument Next hands a route handler of a dynamic route, and server.ts's hot paths likewise. */
export interface RouteContext<Params> {
  params: Promise<Params>;
}
