// The `--state` journal: restore, torn tails, corruption (never overwritten), compaction.
import { mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURES } from '../../src/contract/default-fixtures.js';
import { stateFromFixtures } from '../../src/emulator/state-from-fixtures.js';
import { COMPACT_AFTER, readJournal, StateFileError, writeSnapshot } from '../../src/emulator/journal-file.js';
import { Journal } from '../../src/emulator/store.js';
import type { Event, Port } from '../../src/emulator/state.js';

const dir = mkdtempSync(path.join(tmpdir(), 'hwc-store-'));
let n = 0;
const file = () => path.join(dir, `state-${++n}.jsonl`);
const journals: Journal[] = [];
afterEach(async () => {
  await Promise.all(journals.splice(0).map((j) => j.close()));
});

const P = 'b2782e6708b8475c993e6064bc456bf8';
const port = (id: string): Event => ({
  type: 'port.put',
  projectId: P,
  port: {
    id,
    vpcId: 'v',
    subnetId: 's',
    ipAddress: '192.168.0.7',
    macAddress: 'fa:16:3e:00:00:01',
    deviceId: '',
    deviceOwner: 'neutron:VIP_PORT',
    allowedAddressPairs: [],
    vipIds: [],
    nicIds: [],
  } satisfies Port,
});

async function open(f: string) {
  const opened = await Journal.open(f, () => stateFromFixtures(DEFAULT_FIXTURES));
  journals.push(opened.journal);
  return opened;
}

describe('state journal', () => {
  it('starts a new file from the initial state, and restores appended events after a reopen', async () => {
    const f = file();
    const first = await open(f);
    expect(first.restored).toBe(false);
    await first.journal.append([port('vip-1')]);
    await Promise.all([first.journal.append([port('vip-2')]), first.journal.append([port('vip-3')])]);
    await first.journal.close();
    journals.length = 0;
    const second = await open(f);
    expect(second.restored).toBe(true);
    expect(Object.keys(second.state.projects[P]!.ports)).toEqual(expect.arrayContaining(['vip-1', 'vip-2', 'vip-3']));
  });

  it('drops a torn last line (a crash mid-write, never acknowledged) and appends after the intact part', async () => {
    const f = file();
    const first = await open(f);
    await first.journal.append([port('vip-1')]);
    await first.journal.close();
    journals.length = 0;
    appendFileSync(f, '{"type":"port.put","projectId":"b27');
    const second = await open(f);
    expect(second.state.projects[P]!.ports['vip-1']).toBeDefined();
    await second.journal.append([port('vip-2')]);
    expect(readJournal(f).state.projects[P]!.ports['vip-2']).toBeDefined();
  });

  it.each([
    ['a file that is not a journal', 'hello\n', 'not an hwc-contract emulator journal'],
    ['an unparsable line in the middle', null, 'corrupt at line 3'],
    [
      'an event before any snapshot',
      `${JSON.stringify({ format: 'hwc-contract-emulator-journal', version: 1 })}\n${JSON.stringify(port('x'))}\n`,
      'before the first snapshot',
    ],
    ['an empty file', '', 'not an hwc-contract emulator journal'],
  ])('refuses %s with a clear message and leaves it byte for byte as it was', async (_name, content, text) => {
    const f = file();
    if (content === null) {
      writeSnapshot(f, stateFromFixtures(DEFAULT_FIXTURES));
      appendFileSync(f, `garbage}\n${JSON.stringify(port('x'))}\n`);
    } else writeFileSync(f, content);
    const before = readFileSync(f);
    await expect(open(f)).rejects.toThrow(StateFileError);
    await expect(open(f)).rejects.toThrow(text);
    expect(readFileSync(f).equals(before)).toBe(true);
  });

  it('an unreadable path (a directory) is refused clearly', async () => {
    await expect(open(dir)).rejects.toThrow(/cannot read state file/);
  });

  it(`compacts a journal of more than ${COMPACT_AFTER} events into one snapshot at start-up`, async () => {
    const f = file();
    const first = await open(f);
    const events = Array.from({ length: COMPACT_AFTER + 5 }, (_, i) => port(`vip-${i % 7}`));
    await first.journal.append(events);
    await first.journal.close();
    journals.length = 0;
    const before = readJournal(f);
    const second = await open(f);
    expect(readFileSync(f, 'utf8').trimEnd().split('\n')).toHaveLength(2);
    expect(second.state).toEqual(before.state);
  });
});
