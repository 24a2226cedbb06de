// The rendered docs, as a reader sees them: `hwc-contract docs` builds the page (twice: byte-identical), and
// Debian's Chromium, driven by playwright-core, opens it from a file. No network request may leave the page, no
// console error may appear; both operations are listed, and each shows its path, its request fields with their
// constraints, its examples and its error codes. A screenshot of each operation goes to test-output/docs/.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/contract.js';

const exec = promisify(execFile);
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => !!p && existsSync(p),
);
const OUTPUT = path.join(ROOT, 'test-output', 'docs');
if (!CHROMIUM)
  console.warn(
    'test/docs/docs.test.ts: browser checks skipped — no Chromium at /usr/bin/chromium (apt-get install chromium) or CHROMIUM_PATH',
  );

const dir = mkdtempSync(path.join(tmpdir(), 'hwc-docs-'));
async function build(out: string): Promise<string> {
  const { stdout } = await exec(process.execPath, [path.join(ROOT, 'bin', 'hwc-contract.js'), 'docs', '--out', out], {
    cwd: ROOT,
  });
  return stdout;
}

let page1: string;
beforeAll(async () => {
  const stdout = await build(path.join(dir, 'one'));
  expect(stdout).toMatch(/^docs: wrote .*index\.html \(\d+ KiB, self-contained\) in \d+ ms$/m);
  page1 = path.join(dir, 'one', 'index.html');
}, 60_000);

describe('hwc-contract docs', () => {
  it('is deterministic: the same spec gives byte-identical HTML', async () => {
    await build(path.join(dir, 'two'));
    expect(readFileSync(path.join(dir, 'two', 'index.html')).equals(readFileSync(page1))).toBe(true);
  }, 60_000);

  it('is self-contained: no script, stylesheet or image is loaded from elsewhere', () => {
    const html = readFileSync(page1, 'utf8');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/i);
    expect(html).not.toMatch(/from "https?:/);
    expect(html).toContain('<title>');
  });
});

const OPERATIONS = [
  {
    id: 'AssociateServerVirtualIp',
    section: '/ecs/associateservervirtualip',
    menu: ['ECS — NIC virtual IP addresses', 'Bind or unbind a virtual IP address on an ECS NIC'],
    path: '/v1/{project_id}/cloudservers/nics/{nic_id}',
    expand: [],
    fields: ['nic.subnet_id', 'nic.ip_address', 'nic.reverse_binding', '(uuid)'],
    examples: ['192.168.0.7', 'd32019d3-bc6e-4319-9c1d-6722fc136a23'],
    errors: { '400': 'Ecs.0005', '404': 'Ecs.0307', '409': 'Ecs.0010', '401': 'APIGW.0301' },
    samples: [
      ['curl (bind)', 'curl -sS -i -X PUT'],
      ['TypeScript client (bind)', "client.PUT('/v1/{project_id}/cloudservers/nics/{nic_id}'"],
      ['Official SDK (bind)', 'client.associateServerVirtualIp({'],
      ['curl (unbind)', 'subnet_id": ""'],
      ['TypeScript client (unbind)', "subnet_id: ''"],
      ['Official SDK (unbind)', 'client.disassociateServerVirtualIp({'],
    ],
  },
  {
    id: 'CreatePublicIpV3',
    section: '/eip/createpublicipv3',
    menu: ['EIP v3 — elastic public IPs', 'Assign an EIP'],
    path: '/v3/{project_id}/eip/publicips',
    // Nested objects start folded: the reader opens them by clicking their name.
    expand: ['bandwidth'],
    fields: [
      'publicip.bandwidth.size',
      'integer, [ 5 .. 2000 ]',
      'publicip.bandwidth.share_type',
      'publicip.publicip_pool_name',
      '= 36 characters',
    ],
    examples: ['5_telcom', 'bandwidth-b556'],
    errors: { '400': 'VPC.0501', '404': 'VPC.0504', '409': 'VPC.0522', '401': 'APIGW.0301' },
    samples: [
      ['curl', '-H "X-Auth-Token: $HWC_TOKEN"'],
      ['TypeScript client', "client.POST('/v3/{project_id}/eip/publicips'"],
    ],
  },
] as const;

describe.skipIf(!CHROMIUM)('the docs in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const offsite: string[] = [];
  const failed: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM!,
      // As the machine notes advise: no sandbox as root, and none of Chromium's background traffic.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    page.on('request', (request) => {
      if (!/^(file|data|blob):/.test(request.url())) offsite.push(request.url());
    });
    page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(pathToFileURL(page1).href);
    await page.getByText(OPERATIONS[0].menu[0]).first().waitFor();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText is the rendered text, as a reader sees it
  const text = async (locator: ReturnType<Page['locator']>) => (await locator.innerText()).replace(/\u200b/g, '');

  // The operation's entry in Redoc's side menu (not its heading in the page, which has the same text), shown by
  // opening its group when it is folded. Redoc opens a group a render after the click: wait until the entry is visible.
  const showMenuItem = async (operation: (typeof OPERATIONS)[number]) => {
    const menu = page.locator('.menu-content');
    const item = menu.getByText(operation.menu[1], { exact: true });
    if (!(await item.isVisible())) await menu.getByText(operation.menu[0], { exact: true }).click();
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    return item;
  };

  it('loads with no network request, no failed request and no console error', async () => {
    await page.waitForTimeout(300);
    expect(offsite).toEqual([]);
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('has a title and lists both operations, grouped by service', async () => {
    expect(await page.title()).toContain('Huawei Cloud');
    for (const operation of OPERATIONS) await showMenuItem(operation);
  });

  for (const operation of OPERATIONS) {
    it(`${operation.id}: shows its path, request fields with constraints, examples and error codes; screenshot`, async () => {
      // Redoc folds a group a moment after another one becomes active, and its scroll spy rewrites the hash while
      // lazily rendered sections shift the page: open the entry and click it until the hash names the section.
      await expect
        .poll(
          async () => {
            const hash = decodeURIComponent(new URL(page.url()).hash);
            if (hash !== `#${operation.section}`) await (await showMenuItem(operation)).click({ timeout: 5000 });
            return hash;
          },
          { timeout: 30_000, interval: 500, message: operation.section },
        )
        .toBe(`#${operation.section}`);
      const section = page.locator(`[data-section-id="${operation.section}"]`);
      await section.waitFor();
      for (const name of operation.expand) {
        const toggle = section.locator('span.schema-name', { hasText: new RegExp(`^${name}$`) }).first();
        // Redoc renders what comes into view: scroll on until the field is there.
        await expect
          .poll(
            async () => {
              const found = await toggle.count();
              if (found === 0) await page.mouse.wheel(0, 500);
              return found;
            },
            { timeout: 10_000, message: name },
          )
          .toBeGreaterThan(0);
        await toggle.scrollIntoViewIfNeeded();
        await toggle.click();
        // Redoc renders the opened object's fields after the click: wait for them.
        await expect.poll(async () => text(section), { timeout: 10_000 }).toContain(`.${name}.`);
      }
      // Redoc renders what comes into view: scroll on while a wanted text is not there yet.
      for (const wanted of [operation.path, ...operation.fields, ...operation.examples]) {
        await expect
          .poll(
            async () => {
              const shown = await text(section);
              if (!shown.includes(wanted)) await page.mouse.wheel(0, 500);
              return shown;
            },
            { timeout: 10_000, message: wanted },
          )
          .toContain(wanted);
      }
      await page.screenshot({ path: path.join(OUTPUT, `${operation.id}.png`) });
      // Each documented error status opens its example, with its Huawei code.
      for (const [status, code] of Object.entries(operation.errors)) {
        await section.getByRole('button', { name: status, exact: true }).last().click();
        await expect.poll(async () => text(section), { timeout: 5000 }).toContain(code);
      }
    }, 60_000);
  }

  for (const operation of OPERATIONS) {
    it(`${operation.id}: shows its error table, a discrepancy note and Huawei's reference pages; screenshot`, async () => {
      await page.goto(`${pathToFileURL(page1).href}#${operation.section}`);
      const section = page.locator(`[data-section-id="${operation.section}"]`);
      await section.waitFor();
      const table = section.locator('table', { hasText: 'Meaning' }).first();
      await table.scrollIntoViewIfNeeded();
      const rows = (await text(table)).split('\n').map((row) => row.split('\t').map((cell) => cell.trim()));
      expect(rows[0]).toEqual(['Status', 'Code', 'Meaning', 'When']);
      expect(rows).toContainEqual(['413', 'APIGW.0201', 'Request entity too large', "A body over the gateway's limit"]);
      for (const [status, code] of Object.entries(operation.errors))
        expect(
          rows.some((row) => row[0] === status && row[1] === code),
          `${status} ${code}`,
        ).toBe(true);
      await page.screenshot({ path: path.join(OUTPUT, `${operation.id}-errors.png`) });
      const all = await text(section);
      expect(all).toContain("Differs from Huawei's documentation:");
      expect(all).toContain("Huawei's reference:");
      expect(await section.locator('a[href^="https://support.huaweicloud.com/"]').count()).toBeGreaterThan(0);
    }, 60_000);
  }

  for (const operation of OPERATIONS) {
    it(`${operation.id}: offers each code sample in the request samples' menu, each showing its code; screenshot`, async () => {
      await page.goto(`${pathToFileURL(page1).href}#${operation.section}`);
      const section = page.locator(`[data-section-id="${operation.section}"]`);
      await section.waitFor();
      const panel = section.locator('.panel-request-samples');
      await panel.scrollIntoViewIfNeeded();
      // Redoc's sample chooser: a menu button in the panel's header, on the payload at first.
      const chooser = () =>
        panel.locator('[data-component-name="Panel/PanelHeader"] button[aria-haspopup="menu"]').last();
      await expect.poll(async () => (await text(chooser())).trim(), { timeout: 10_000 }).toBe('Payload');
      await chooser().click();
      const items = page.getByRole('menuitem');
      expect(await items.allInnerTexts()).toEqual(['Payload', ...operation.samples.map(([label]) => label)]);
      for (const [index, [label, snippet]] of operation.samples.entries()) {
        if ((await page.locator('[role="menu"]:visible').count()) === 0) await chooser().click();
        await items.nth(index + 1).click();
        await expect.poll(async () => (await text(chooser())).trim(), { timeout: 5000 }).toBe(label);
        await expect.poll(async () => text(panel), { timeout: 5000, message: label }).toContain(snippet);
      }
      await page.screenshot({ path: path.join(OUTPUT, `${operation.id}-code-samples.png`) });
      expect(consoleErrors).toEqual([]);
      expect(offsite).toEqual([]);
    }, 60_000);
  }

  it('has an Authentication section with the signing steps and a worked example; screenshot', async () => {
    await page.goto(pathToFileURL(page1).href);
    await page.getByText('Authentication', { exact: true }).first().click();
    const heading = page.locator('h2', { hasText: /^Authentication$/ }).first();
    await heading.waitFor();
    await heading.scrollIntoViewIfNeeded();
    const body = await text(page.locator('body'));
    for (const wanted of [
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
      '15 minutes',
      'X-Project-Id',
      '5 consecutive failed signatures',
    ])
      expect(body).toContain(wanted);
    await page.screenshot({ path: path.join(OUTPUT, 'authentication.png') });
    expect(consoleErrors).toEqual([]);
    expect(offsite).toEqual([]);
  }, 60_000);

  it('the bind operation offers the unbind example too: choosing it shows the empty-string body', async () => {
    await page.goto(`${pathToFileURL(page1).href}#/ecs/associateservervirtualip`);
    const section = page.locator('[data-section-id="/ecs/associateservervirtualip"]');
    await section.waitFor();
    const compact = async () => (await text(section)).replace(/\s+/g, '');
    expect(await compact()).toContain('"subnet_id":"d32019d3-bc6e-4319-9c1d-6722fc136a23","ip_address":"192.168.0.7"');
    await section
      .getByText(/^Bind 192\.168\.0\.7/)
      .first()
      .click();
    await page.getByText("Unbind the NIC's virtual IP address", { exact: true }).first().click();
    await expect.poll(compact, { timeout: 5000 }).toContain('"subnet_id":"","ip_address":"","reverse_binding":false');
  });
});
