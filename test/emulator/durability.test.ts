// Faults of the disk under `--state`: short writes, a full disk (ENOSPC), a failing sync (EIO). Nothing is
// acknowledged that is not wholly on disk, the state in memory never holds a change the disk refused, no torn
// line is left between whole ones, the failure is said once, and writes work again when the disk does. The
// faults are injected through the journal's file (a real file handle that writes short or fails on purpose)
// and, where the tests run as root, shown on a real 64 KiB tmpfs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/contract/default-fixtures.js';
import { type EmulatorServer, serveEmulator } from '../../src/emulator/http.js';
import type { StateJson } from '../../src/emulator/state.js';
import { readJournal } from '../../src/emulator/journal-file.js';
import type { JournalFile } from '../../src/emulator/store.js';
import { fixturesWith } from './helpers.js';

const P = DEMO.project;
const ASSIGN = JSON.stringify({
  publicip: {
    type: 'EIP',
    publicip_pool_name: '5_telcom',
    bandwidth: { size: 5, share_type: 'PER', charge_mode: 'bandwidth', name: 'durability' },
  },
});
/** The default fixtures with room for many EIPs, so that only the disk says no. */
const ROOMY = fixturesWith((f) => {
  for (const project of f.projects) project.quota = { eips: 10_000 };
});
const dir = mkdtempSync(path.join(tmpdir(), 'hwc-durability-'));
let n = 0;

/** A real append handle whose disk can be made to fill up, write short, or fail to sync. */
class FaultyFile implements JournalFile {
  /** Bytes the disk still takes (a write past it is short, then ENOSPC). */
  spaceLeft = Number.POSITIVE_INFINITY;
  /** Most bytes one write call takes (a short write, as a nearly full or interrupted disk gives). */
  writeAtMost = Number.POSITIVE_INFINITY;
  failSync = false;
  writes = 0;
  constructor(private readonly real: FileHandle) {}

  async write(buffer: Buffer, offset: number, length: number) {
    this.writes += 1;
    const take = Math.min(length, this.writeAtMost, this.spaceLeft);
    if (take <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    this.spaceLeft -= take;
    const { bytesWritten } = await this.real.write(buffer, offset, take);
    return { bytesWritten };
  }
  async datasync() {
    if (this.failSync) throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    await this.real.datasync();
  }
  truncate(length: number) {
    return this.real.truncate(length);
  }
  close() {
    return this.real.close();
  }
}

const servers: EmulatorServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(stateFile: string, withFault = true) {
  const warnings: string[] = [];
  let file: FaultyFile | undefined;
  const server = await serveEmulator({
    fixtures: ROOMY,
    auth: 'off',
    stateFile,
    journal: withFault
      ? {
          openFile: async (name) => {
            file = new FaultyFile(await open(name, 'a'));
            return file;
          },
          warn: (line) => warnings.push(line),
        }
      : { warn: (line) => warnings.push(line) },
  });
  servers.push(server);
  return { server, file: file!, warnings };
}

async function assign(server: EmulatorServer): Promise<{ status: number; id?: string; body: any }> {
  const response = await fetch(`${server.url}/v3/${P}/eip/publicips`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: ASSIGN,
  });
  const body: any = await response.json();
  return { status: response.status, id: body.publicip?.id, body };
}

const eipIds = (state: StateJson) => Object.keys(state.projects[P]?.eips ?? {}).sort();
/** What a restart would find: the journal read from disk. */
const onDisk = (file: string) => {
  const read = readJournal(file);
  return { ids: [...(read.state.projects[P]?.eips.keys() ?? [])].sort(), tornBytes: read.tornBytes };
};

describe('a disk that fails under --state', () => {
  it('continues short writes to the end: every change is acknowledged and restored whole', async () => {
    const stateFile = path.join(dir, `state-${++n}.jsonl`);
    const { server, file } = await start(stateFile);
    file.writeAtMost = 7;
    const answers = await Promise.all(Array.from({ length: 6 }, () => assign(server)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(file.writes).toBeGreaterThan(6);
    const acknowledged = answers.map((a) => a.id!).sort();
    expect(onDisk(stateFile)).toEqual({ ids: expect.arrayContaining(acknowledged), tornBytes: 0 });
    expect(eipIds(server.snapshot())).toEqual(onDisk(stateFile).ids);
  });

  it('on a full disk refuses the change (500 VPC.0503, as the contract documents), keeps it out of memory and off disk, says so once, and recovers', async () => {
    const stateFile = path.join(dir, `state-${++n}.jsonl`);
    const { server, file, warnings } = await start(stateFile);
    const before = eipIds(server.snapshot());
    const acknowledged: string[] = [];
    // Room for a few changes, then the disk is full in the middle of a line.
    file.spaceLeft = 2_500;
    let refused: Awaited<ReturnType<typeof assign>> | undefined;
    for (let i = 0; i < 50 && !refused; i += 1) {
      const answer = await assign(server);
      if (answer.status === 201) acknowledged.push(answer.id!);
      else refused = answer;
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(refused?.status).toBe(500);
    expect(refused?.body).toMatchObject({ error_code: 'VPC.0503', request_id: expect.any(String) });
    expect(refused?.body.error_msg).toContain('ENOSPC');

    // Eight at once while the disk is full: all refused, none kept.
    const parallel = await Promise.all(Array.from({ length: 8 }, () => assign(server)));
    expect(parallel.map((a) => a.status)).toEqual(Array(8).fill(500));
    const expected = [...before, ...acknowledged].sort();
    expect(eipIds(server.snapshot())).toEqual(expected);
    expect(onDisk(stateFile)).toEqual({ ids: expected, tornBytes: 0 });
    expect(readFileSync(stateFile, 'utf8').endsWith('\n')).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(/cannot write state file .*\(ENOSPC\); changes are refused/)]);

    // Space comes back: the next change is taken, and said so once.
    file.spaceLeft = Number.POSITIVE_INFINITY;
    const after = await assign(server);
    expect(after.status).toBe(201);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/can be written again/);
    expect(onDisk(stateFile).ids).toEqual([...expected, after.id!].sort());
  });

  it('on a failing sync (EIO) refuses the whole batch, and every change queued behind it, then recovers', async () => {
    const stateFile = path.join(dir, `state-${++n}.jsonl`);
    const { server, file } = await start(stateFile);
    expect(eipIds(server.snapshot())).toEqual([]);
    const first = await assign(server);
    file.failSync = true;
    const batch = await Promise.all(Array.from({ length: 8 }, () => assign(server)));
    expect(batch.map((a) => a.status)).toEqual(Array(8).fill(500));
    expect(batch[0]!.body.error_msg).toContain('EIO');
    expect(eipIds(server.snapshot())).toEqual([first.id!]);
    expect(onDisk(stateFile)).toEqual({ ids: [first.id!], tornBytes: 0 });
    file.failSync = false;
    const second = await assign(server);
    expect(second.status).toBe(201);
    expect(onDisk(stateFile).ids).toEqual([first.id!, second.id!].sort());
  });

  it('takes every kind of change back out of memory exactly: a bind, a shared-bandwidth EIP bound to a port', async () => {
    const stateFile = path.join(dir, `state-${++n}.jsonl`);
    const { server, file } = await start(stateFile);
    const before = JSON.stringify(server.snapshot());
    file.failSync = true;
    const bind = await fetch(`${server.url}/v1/${P}/cloudservers/nics/${DEMO.nic}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ nic: { subnet_id: DEMO.subnet, ip_address: '192.168.0.7', reverse_binding: true } }),
    });
    const shared = await fetch(`${server.url}/v3/${P}/eip/publicips`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        publicip: {
          type: 'EIP',
          publicip_pool_name: '5_telcom',
          associate_instance_type: 'PORT',
          associate_instance_id: 'b01795fc-a246-4e4c-b770-0e4d58101592',
          bandwidth: {
            size: 300,
            share_type: 'WHOLE',
            charge_mode: 'bandwidth',
            name: 'bandwidth-b556',
            id: '3fa2c1b8-9d4e-4f5a-8b6c-7d8e9f0a1b2c',
          },
        },
      }),
    });
    expect([bind.status, shared.status]).toEqual([500, 500]);
    expect(await bind.json()).toMatchObject({ error: { code: 'Ecs.0002' } });
    expect(JSON.stringify(server.snapshot())).toBe(before);
    file.failSync = false;
    // The same requests succeed afterwards: nothing half-applied is in their way.
    const again = await fetch(`${server.url}/v1/${P}/cloudservers/nics/${DEMO.nic}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ nic: { subnet_id: DEMO.subnet, ip_address: '192.168.0.7', reverse_binding: true } }),
    });
    expect(again.status).toBe(200);
  });

  it('refuses a reset it cannot save: the state and the fixtures stay as they were', async () => {
    const stateFile = path.join(dir, `state-${++n}.jsonl`);
    const { server, file } = await start(stateFile);
    const kept = await assign(server);
    file.spaceLeft = 0;
    const reset = await fetch(`${server.url}/__emulator/reset`, { method: 'POST' });
    expect(reset.status).toBe(503);
    expect(reset.headers.get('retry-after')).toBe('1');
    expect(await reset.json()).toMatchObject({ error_code: 'Emulator.0503' });
    expect(eipIds(server.snapshot())).toEqual([kept.id!]);
    file.spaceLeft = Number.POSITIVE_INFINITY;
    expect((await fetch(`${server.url}/__emulator/reset`, { method: 'POST' })).status).toBe(200);
    expect(eipIds(server.snapshot())).toEqual([]);
    expect(onDisk(stateFile).ids).toEqual([]);
  });
});

// A real small tmpfs: needs root (mount). Elsewhere the injected faults above show the same.
const asRoot = process.getuid?.() === 0 && canMount();
function canMount(): boolean {
  const probe = mkdtempSync(path.join(tmpdir(), 'hwc-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

describe.skipIf(!asRoot)('a real 64 KiB tmpfs (as root)', () => {
  const mountPoint = path.join(dir, 'tmpfs');
  afterAll(() => {
    try {
      execFileSync('umount', [mountPoint], { stdio: 'ignore' });
    } catch {
      // not mounted
    }
  });

  it('loses no acknowledged EIP when it fills up (sequential and 8 in parallel), and takes changes again once it grows', async () => {
    mkdirSync(mountPoint, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint]);
    const stateFile = path.join(mountPoint, 'state.jsonl');
    const { server, warnings } = await start(stateFile, false);
    const acknowledged: string[] = [];
    let full = false;
    for (let round = 0; round < 200 && !full; round += 1) {
      const answers =
        round % 2 === 0 ? [await assign(server)] : await Promise.all(Array.from({ length: 8 }, () => assign(server)));
      for (const a of answers) {
        if (a.status === 201) acknowledged.push(a.id!);
        else {
          expect(a.status).toBe(500);
          full = true;
        }
      }
    }
    expect(full).toBe(true);
    expect(acknowledged.length).toBeGreaterThan(10);
    expect(eipIds(server.snapshot())).toEqual(acknowledged.sort());
    expect(onDisk(stateFile)).toEqual({ ids: acknowledged.sort(), tornBytes: 0 });
    expect(warnings).toHaveLength(1);

    execFileSync('mount', ['-o', 'remount,size=1m', mountPoint]);
    const after = await assign(server);
    expect(after.status).toBe(201);
    await server.close();
    servers.length = 0;
    const restarted = await start(stateFile, false);
    expect(eipIds(restarted.server.snapshot())).toEqual([...acknowledged, after.id!].sort());
  });
});
