// Where the CLI writes: results to stdout, diagnostics to stderr. Injected so tests can capture it.
export interface Output {
  info(line: string): void;
  error(line: string): void;
}

export const consoleOutput: Output = {
  info: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};
