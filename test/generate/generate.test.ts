// The pipeline: generated/ is what a fresh generation writes, byte for byte, and generation is deterministic.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, GENERATED_FILES, renderAll } from '../../src/generate/generate.js';
import { ROOT } from '../helpers/contract.js';

describe('generate', () => {
  let fresh: Record<string, string>;
  beforeAll(async () => {
    fresh = await renderAll(ROOT);
  });

  it('has no drift: generated/ matches a fresh generation', async () => {
    for (const name of GENERATED_FILES) {
      expect(await readFile(path.join(ROOT, 'generated', name), 'utf8'), name).toBe(fresh[name]);
    }
    expect((await generate(ROOT, { check: true })).changed).toEqual([]);
  });

  it('is deterministic: a second generation is byte-identical', async () => {
    expect(await renderAll(ROOT)).toEqual(fresh);
  });

  it('starts every file with a do-not-edit header and writes no absolute paths or timestamps', () => {
    for (const name of GENERATED_FILES) {
      const content = fresh[name]!;
      expect(content.slice(0, 200), name).toContain('DO NOT EDIT');
      expect(content, name).not.toContain(ROOT);
      expect(content, name).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/);
    }
  });

  it('emits one validator per request body, parameter set, response and response header set', () => {
    const validators = fresh['validators.js']!;
    for (const name of [
      'validateAssociateServerVirtualIpPathParams',
      'validateAssociateServerVirtualIpRequestBody',
      'validateAssociateServerVirtualIpResponse200',
      'validateAssociateServerVirtualIpResponse200Headers',
      'validateAssociateServerVirtualIpResponse429',
      'validateCreatePublicIpV3PathParams',
      'validateCreatePublicIpV3RequestBody',
      'validateCreatePublicIpV3Response201',
      'validateCreatePublicIpV3Response500',
    ]) {
      expect(validators).toContain(`export const ${name} =`);
      expect(fresh['validators.d.ts']).toContain(`export declare const ${name}:`);
    }
  });

  describe('in a copy of the project', () => {
    let copy: string;
    beforeAll(async () => {
      copy = await mkdtemp(path.join(tmpdir(), 'hwc-generate-'));
      for (const entry of ['spec', 'generated', 'redocly.yaml', 'package.json'])
        await cp(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
    });
    afterAll(async () => {
      await rm(copy, { recursive: true, force: true });
    });

    it('reports, in check mode, the files a spec edit would change, and writes nothing', async () => {
      const file = path.join(copy, 'spec', 'components', 'schemas', 'PublicipBandwidthInfo.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace('maximum: 2000', 'maximum: 3000'));
      const before = await readFile(path.join(copy, 'generated', 'validators.js'), 'utf8');
      const check = await generate(copy, { check: true });
      expect(check.changed).toEqual(expect.arrayContaining(['generated/openapi.json', 'generated/validators.js']));
      expect(check.written).toBe(false);
      expect(await readFile(path.join(copy, 'generated', 'validators.js'), 'utf8')).toBe(before);
      // Writing mode brings generated/ back in step; a second run changes nothing.
      expect((await generate(copy)).written).toBe(true);
      expect(await generate(copy)).toEqual({ changed: [], written: false });
      expect(await readFile(path.join(copy, 'generated', 'openapi.json'), 'utf8')).toContain('"maximum": 3000');
    });

    it('fails with the unresolved reference when the spec does not bundle', async () => {
      const file = path.join(copy, 'spec', 'paths', 'eip-publicips.yaml');
      await writeFile(
        file,
        (await readFile(file, 'utf8'))
          .replace('EIPAddDict', 'NoSuchSchema')
          .replace('CreatePublicIpV3RequestBody.yaml', 'Missing.yaml'),
      );
      await expect(generate(copy, { check: true })).rejects.toThrow(/does not bundle/);
    });
  });
});
