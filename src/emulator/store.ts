// Persistence for `--state FILE`, the appending side (the file format, reading and snapshots: journal-file.ts).
// A mutation is appended and fdatasync'ed before its response is sent; appends that arrive while a sync is in
// flight are written together by the next one (group commit), so durability costs one sync per batch, not per
// request. A batch the disk refuses (short writes are continued; ENOSPC, EIO) is cut off the file again before
// anything else is appended, and its changes — with those queued after them — are taken back out of memory and
// refused: nothing is acknowledged that is not wholly on disk, and no torn line is ever left between whole ones.
// The next batch tries the disk again. On start-up the journal is replayed, a torn tail cut off, and a journal
// of more than COMPACT_AFTER events rewritten as one snapshot.
import { closeSync, fdatasyncSync, ftruncateSync, openSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { COMPACT_AFTER, eventLine, readJournal, StateFileError, writeSnapshot } from './journal-file.js';
import type { Event, State } from './state.js';

/** What the journal needs of its open file. Node's FileHandle is one; tests pass one that fails on purpose. */
export interface JournalFile {
  write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

export interface JournalOptions {
  /** Opens the journal for appending (default: Node's `open(file, 'a')`). */
  openFile?: (file: string) => Promise<JournalFile>;
  /** Where the journal says that it cannot write, and that it can again (default: stderr). */
  warn?: (line: string) => void;
}

/** A change that was not made: the journal could not write it (or an earlier change it builds on) to disk. */
export class JournalWriteError extends Error {
  override readonly name = 'JournalWriteError';
}

/** A change waiting for the disk: its line, who waits, and what takes it back out of memory if it fails. */
interface PendingChange {
  text: string;
  resolve: () => void;
  reject: (error: Error) => void;
  undo: (() => void) | undefined;
}

const errorCode = (error: unknown): string =>
  (error as NodeJS.ErrnoException).code ?? (error as Error).message.split('\n')[0] ?? String(error);

export class Journal {
  private pending: PendingChange[] = [];
  private flushing = false;
  /** Set while writes fail (the error code), so that the failure is said once. */
  private failing: string | undefined;
  /** Whether a failed write may have left bytes after `size`. */
  private torn = false;

  private constructor(
    private readonly file: JournalFile,
    readonly path: string,
    /** The length of the journal's durable part: everything acknowledged, nothing else. */
    private size: number,
    private readonly warn: (line: string) => void,
  ) {}

  /**
   * Opens the journal at `file`: restores its state, or — when there is no file — starts one from `initial`.
   * Throws StateFileError (leaving the file untouched) when it cannot be read or parsed.
   */
  static async open(
    file: string,
    initial: () => State,
    options: JournalOptions = {},
  ): Promise<{ journal: Journal; state: State; restored: boolean; events: number }> {
    try {
      return await Journal.openOrCreate(file, initial, options);
    } catch (error) {
      if (error instanceof StateFileError) throw error;
      // One line naming the file and the real cause (a missing folder, no permission, a full disk).
      const { code, message } = error as NodeJS.ErrnoException;
      const cause =
        code === 'ENOENT'
          ? `its folder ${path.dirname(file)} does not exist`
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : code === 'EISDIR'
              ? 'it is a folder'
              : code === 'ENOTDIR'
                ? `${path.dirname(file)} is not a folder`
                : code === 'ENOSPC'
                  ? 'the disk is full'
                  : (code ?? message.split('\n')[0]);
      throw new StateFileError(`cannot use state file ${file}: ${cause}`);
    }
  }

  private static async openOrCreate(
    file: string,
    initial: () => State,
    options: JournalOptions,
  ): Promise<{ journal: Journal; state: State; restored: boolean; events: number }> {
    let exists = true;
    try {
      statSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      exists = false;
    }
    let state: State;
    let events = 0;
    if (!exists) {
      state = initial();
      writeSnapshot(file, state);
    } else {
      const read = readJournal(file);
      state = read.state;
      events = read.events;
      if (read.events > COMPACT_AFTER) {
        writeSnapshot(file, state);
      } else if (read.tornBytes > 0) {
        // Drop the unacknowledged tail of a crash before appending after it.
        const fd = openSync(file, 'r+');
        try {
          ftruncateSync(fd, read.intactBytes);
          fdatasyncSync(fd);
        } finally {
          closeSync(fd);
        }
      }
    }
    const size = statSync(file).size;
    const journalFile = await (options.openFile ?? ((name) => open(name, 'a')))(file);
    const warn = options.warn ?? ((line) => process.stderr.write(`hwc-contract emulate: ${line}\n`));
    return { journal: new Journal(journalFile, file, size, warn), state, restored: exists, events };
  }

  /**
   * Appends events; resolves once they are wholly on disk. When they cannot be written (a full disk, an I/O
   * error), what was written of them is cut off again, `undo` runs for them and for every change queued after
   * them (newest first: those were computed on top of them), and each of those is rejected with a
   * JournalWriteError. The next append tries the disk again.
   */
  append(events: readonly Event[], undo?: () => void): Promise<void> {
    let text = '';
    for (const event of events) text += `${eventLine(event)}\n`;
    const done = new Promise<void>((resolve, reject) => this.pending.push({ text, resolve, reject, undo }));
    if (!this.flushing) void this.flush();
    return done;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const buffer = Buffer.from(batch.length === 1 ? batch[0]!.text : batch.map((c) => c.text).join(''));
      try {
        await this.cutTornTail();
        await this.writeAll(buffer);
        await this.file.datasync();
        this.size += buffer.length;
        if (this.failing !== undefined) {
          this.failing = undefined;
          this.warn(`state file ${this.path} can be written again; changes are accepted`);
        }
        for (const change of batch) change.resolve();
      } catch (error) {
        // Cut off what was written of the batch before anyone is told it was not made.
        this.torn = true;
        await this.cutTornTail().catch(() => {});
        this.fail(batch, error);
      }
    }
    this.flushing = false;
  }

  /** A batch did not reach the disk: take it and everything queued after it back out of memory, and say so once. */
  private fail(batch: PendingChange[], error: unknown): void {
    const failed = [...batch, ...this.pending];
    this.pending = [];
    for (let i = failed.length - 1; i >= 0; i -= 1) failed[i]!.undo?.();
    const code = errorCode(error);
    if (this.failing === undefined) {
      this.failing = code;
      this.warn(
        `cannot write state file ${this.path} (${code}); changes are refused (500 Ecs.0002 / VPC.0503) until it can be written again`,
      );
    }
    const refused = new JournalWriteError(`the state file cannot be written (${code}); the change was not made`);
    for (const change of failed) change.reject(refused);
  }

  /** Writes all of `buffer`, however many calls it takes; a call that writes nothing is a full disk. */
  private async writeAll(buffer: Buffer): Promise<void> {
    for (let offset = 0; offset < buffer.length; ) {
      const { bytesWritten } = await this.file.write(buffer, offset, buffer.length - offset);
      if (bytesWritten <= 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      offset += bytesWritten;
    }
  }

  /** After a failed write, cuts the file back to its last durable length before anything is appended. */
  private async cutTornTail(): Promise<void> {
    if (!this.torn) return;
    await this.file.truncate(this.size);
    await this.file.datasync();
    this.torn = false;
  }

  /** The first reason the journal cannot write, while it cannot; `undefined` when it can. */
  get failure(): string | undefined {
    return this.failing;
  }

  async close(): Promise<void> {
    while (this.flushing) await new Promise((resolve) => setTimeout(resolve, 1));
    await this.file.close();
  }
}
