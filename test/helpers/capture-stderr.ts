// Captures what this process writes to stderr until `restore()` (the emulator in-process reports there).
export function captureStderr(): { text: () => string; restore: () => void } {
  const written: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  return {
    text: () => written.join(''),
    restore: () => {
      process.stderr.write = write;
    },
  };
}
