/**
 * Prints, at the end of every run, where the time went: the slowest tests and the spec files
 * that took longest in all. The suite's length is a budget (README, "Tests"); this is the list
 * to start from when it grows.
 */
import type { Reporter, TestCase, TestResult } from "@playwright/test/reporter";

const TESTS_SHOWN = 10;
const FILES_SHOWN = 8;

export function slowestSummary(rows: { project: string; file: string; title: string; ms: number }[]): string[] {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)} s`;
  const total = rows.reduce((sum, row) => sum + row.ms, 0);
  const files = new Map<string, number>();
  for (const row of rows) files.set(row.file, (files.get(row.file) ?? 0) + row.ms);
  const slowTests = [...rows].sort((a, b) => b.ms - a.ms).slice(0, TESTS_SHOWN);
  const slowFiles = [...files].sort((a, b) => b[1] - a[1]).slice(0, FILES_SHOWN);
  return [
    `Slowest tests (of ${rows.length}, ${seconds(total).trim()} in all):`,
    ...slowTests.map((row) => `${seconds(row.ms)}  [${row.project}] ${row.file} › ${row.title}`),
    "Slowest spec files (every project):",
    ...slowFiles.map(([file, ms]) => `${seconds(ms)}  ${file}  (${((100 * ms) / Math.max(total, 1)).toFixed(0)} %)`),
  ];
}

export default class SlowestReporter implements Reporter {
  private readonly rows: { project: string; file: string; title: string; ms: number }[] = [];

  printsToStdio(): boolean {
    return true;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const [, project = "", file = ""] = test.titlePath();
    this.rows.push({ project, file, title: test.title, ms: result.duration });
  }

  onEnd(): void {
    if (this.rows.length > 0) console.log(`\n${slowestSummary(this.rows).join("\n")}`);
  }
}
