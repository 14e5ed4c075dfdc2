// Browser test of the web UI, driven by playwright-core on Debian's chromium (never a downloaded browser).
// Usage: node e2e/studio.e2e.mjs BASE_URL [SCREENSHOT_DIR]. Exits 0 when every step passed, 1 otherwise.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = process.argv[2];
const shots = process.argv[3] ?? 'e2e-shots';
const browserPath = process.env.WEFT_CHROMIUM ?? '/usr/bin/chromium';
if (!base) {
  console.error('usage: node e2e/studio.e2e.mjs BASE_URL [SCREENSHOT_DIR]');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const SECRET = `hmac-${Date.now()}-top-secret`;
const MODEL_KEY = `sk-e2e-${Date.now()}-model-secret`;
const modelUrl = process.env.WEFT_E2E_MODEL_URL;
const results = [];
const browser = await chromium.launch({
  executablePath: browserPath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.setDefaultTimeout(15000);
const consoleErrors = [];
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('dialog', (d) => d.accept(d.type() === 'prompt' ? 'E2E greeting' : undefined));

async function step(name, body) {
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`ok   ${name}`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${e.message.split('\n')[0]}`);
    await page.screenshot({ path: `${shots}/failed-${results.length}.png` }).catch(() => {});
    throw e;
  }
}

/** Calls the server's API as the signed-in user (for setup the UI is not under test for). */
async function api(method, path, body) {
  return page.evaluate(async ([method, path, body]) => {
    const r = await fetch(path, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${localStorage.getItem('weft.token')}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, json: await r.json() };
  }, [method, path, body]);
}

async function expectText(locator, text) {
  await locator.filter({ hasText: text }).first().waitFor();
}

/** Drags a connection from one node's output handle to another's input handle. */
async function connect(from, to) {
  const source = page.locator(`[data-testid="node-${from}"] .react-flow__handle.source`).first();
  const target = page.locator(`[data-testid="node-${to}"] .react-flow__handle.target`).first();
  const a = await source.boundingBox();
  const b = await target.boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

try {
  await step('first visit: register the first user', async () => {
    await page.goto(base);
    await expectText(page.locator('p'), 'Create the first account');
    await page.getByTestId('email').fill('e2e@example.com');
    await page.getByTestId('password').fill('correct horse battery');
    await page.getByTestId('submit').click();
    await page.getByTestId('new-workflow').waitFor();
  });

  await step('build a 3-node workflow on the canvas', async () => {
    await page.getByTestId('new-workflow').click();
    await page.getByTestId('node-Start').waitFor();
    await page.getByTestId('node-search').fill('set');
    // drag from the sidebar onto the canvas
    const canvas = await page.getByTestId('canvas').boundingBox();
    await page.getByTestId('palette-weft.set').dragTo(page.getByTestId('canvas'), {
      targetPosition: { x: canvas.width * 0.45, y: canvas.height * 0.2 },
    });
    await page.getByTestId('node-Edit Fields (Set)').waitFor();
    await page.getByTestId('node-search').fill('no op');
    await page.getByTestId('node-search').fill('operation');
    await page.getByRole('button', { name: 'add No Operation' }).click();
    await page.getByTestId('node-No Operation').waitFor();
    await page.locator('.react-flow__controls-fitview').click();
    await page.waitForTimeout(400);
    await connect('Start', 'Edit Fields (Set)');
    await connect('Edit Fields (Set)', 'No Operation');
    const edges = await page.locator('.react-flow__edge').count();
    if (edges !== 2) throw new Error(`expected 2 connections on the canvas, found ${edges}`);
  });

  await step('configure the Set node from its parameter schema', async () => {
    await page.getByTestId('node-Edit Fields (Set)').click();
    await page.getByTestId('inspector').waitFor();
    await page.getByTestId('param-fields-add').click();
    await page.getByTestId('param-fields.0.name').fill('greeting');
    await page.getByTestId('param-fields.0.value').fill("hello {{ 'from' & ' ' & 'the browser' }}");
  });

  await step('an unsaved draft survives a reload', async () => {
    await page.getByTestId('unsaved').waitFor();
    await page.waitForTimeout(300);
    await page.reload();
    await expectText(page.getByTestId('studio-message'), 'Restored your unsaved changes');
    await page.getByTestId('node-No Operation').waitFor();
    await page.getByTestId('node-Edit Fields (Set)').click();
    const value = await page.getByTestId('param-fields.0.value').inputValue();
    if (!value.includes('the browser')) throw new Error(`the draft lost the parameter, got '${value}'`);
  });

  await step('save and run: live status and item counts on every node', async () => {
    await page.getByTestId('save').click();
    await expectText(page.getByTestId('studio-message'), 'Saved');
    await page.getByTestId('run').click();
    for (const node of ['Start', 'Edit Fields (Set)', 'No Operation']) {
      await expectText(page.getByTestId(`live-${node}`), 'success');
    }
    await expectText(page.getByTestId('live-Edit Fields (Set)'), '1 item');
    await page.screenshot({ path: `${shots}/studio-run.png` });
  });

  await step('the output panel shows the node items as table and JSON', async () => {
    await page.getByTestId('node-Edit Fields (Set)').click();
    await expectText(page.getByTestId('output-items'), 'hello from the browser');
    await page.getByTestId('output-panel').getByRole('button', { name: 'JSON' }).click();
    await expectText(page.getByTestId('output-panel').locator('pre'), '"greeting": "hello from the browser"');
  });

  await step('the execution is in the executions list and its detail', async () => {
    await page.getByTestId('nav-executions').click();
    const row = page.getByTestId('execution-row').filter({ hasText: 'E2E greeting' }).first();
    await expectText(row, 'success');
    await row.getByRole('link').click();
    await expectText(page.locator('.node-list li'), 'Edit Fields (Set)');
    await page.locator('.node-list li').filter({ hasText: 'Edit Fields (Set)' }).click();
    await expectText(page.locator('.node-data'), 'hello from the browser');
    await page.screenshot({ path: `${shots}/execution.png` });
  });

  await step('a credential is saved and its secret never shown again', async () => {
    await page.getByTestId('nav-credentials').click();
    await page.getByTestId('new-credential').click();
    await page.getByTestId('credential-name').fill('Signing key');
    await page.getByTestId('credential-type').selectOption('weft.cryptoKey');
    await page.getByTestId('param-credential.secret').fill(SECRET);
    await page.getByTestId('credential-save').click();
    const row = page.getByTestId('credential-row').filter({ hasText: 'Signing key' });
    await expectText(row, 'secret: set');
    await row.getByRole('button', { name: 'Edit' }).click();
    const shown = await page.getByTestId('param-credential.secret').inputValue();
    if (shown !== '') throw new Error('the secret field was filled in again');
    const html = await page.content();
    if (html.includes(SECRET)) throw new Error('the secret appears in the page');
    await page.screenshot({ path: `${shots}/credentials.png` });
  });

  await step('the dashboard shows the workflow statistics', async () => {
    await page.getByTestId('nav-dashboard').click();
    await expectText(page.getByTestId('stats').locator('tr'), 'E2E greeting');
  });
  await step('an n8n workflow file is imported into a new workflow', async () => {
    await page.getByTestId('nav-workflows').click();
    const n8n = {
      name: 'Imported from n8n',
      nodes: [
        { id: 'a', name: 'When clicking', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
        { id: 'b', name: 'Pass', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
      ],
      connections: { 'When clicking': { main: [[{ node: 'Pass', type: 'main', index: 0 }]] } },
    };
    await page.getByTestId('import-n8n').setInputFiles({ name: 'flow.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(n8n)) });
    await page.getByTestId('node-When clicking').waitFor();
    await page.getByTestId('node-Pass').waitFor();
    const name = await page.getByTestId('workflow-name').inputValue();
    if (name !== 'Imported from n8n') throw new Error(`imported workflow is named '${name}'`);
  });
  await step('a workflow with a Chat Trigger answers in the chat panel; the session survives a reload', async () => {
    await page.getByTestId('nav-workflows').click();
    await page.getByTestId('new-workflow').click();
    await page.getByTestId('node-Start').waitFor();
    await page.getByTestId('node-search').fill('chat trigger');
    await page.getByRole('button', { name: 'add Chat Trigger' }).click();
    await page.getByTestId('node-Chat Trigger').waitFor();
    await page.getByTestId('node-search').fill('edit fields');
    await page.getByRole('button', { name: 'add Edit Fields (Set)' }).click();
    await page.getByTestId('node-Edit Fields (Set)').waitFor();
    await page.locator('.react-flow__controls-fitview').click();
    await page.waitForTimeout(400);
    await connect('Chat Trigger', 'Edit Fields (Set)');
    await page.getByTestId('node-Edit Fields (Set)').click();
    await page.getByTestId('param-fields-add').click();
    await page.getByTestId('param-fields.0.name').fill('output');
    await page.getByTestId('param-fields.0.value').fill('echo: {{ $json.chatInput }}');
    await page.getByTestId('chat-toggle').click();
    await page.getByTestId('chat-input').fill('hello from the browser');
    await page.getByTestId('chat-send').click(); // saves the workflow first, then chats
    await expectText(page.getByTestId('chat-bot'), 'echo: hello from the browser');
    const session = await page.getByTestId('chat-session').innerText();
    if (!/^session [0-9a-f]{8}$/.test(session)) throw new Error(`no session shown, got '${session}'`);
    await page.screenshot({ path: `${shots}/chat.png` });
    await page.reload();
    await page.getByTestId('chat-toggle').click();
    await expectText(page.getByTestId('chat-bot'), 'echo: hello from the browser');
    const kept = await page.getByTestId('chat-session').innerText();
    if (kept !== session) throw new Error(`the session changed on reload: '${session}' became '${kept}'`);
  });
  await step('an agent run shows its steps as a timeline in the studio and the execution view', async () => {
    if (!modelUrl) throw new Error('WEFT_E2E_MODEL_URL names no scripted model (BrowserTest starts one)');
    const cred = await api('POST', '/api/credentials', { name: 'Scripted model', type: 'weft.openAiApi', values: { apiKey: MODEL_KEY, baseUrl: modelUrl } });
    if (cred.status !== 201) throw new Error(`creating the model credential failed: ${JSON.stringify(cred.json)}`);
    const tools = [
      { name: 'check_stock', description: 'Stock of what the user asks about', kind: 'node',
        config: { type: 'weft.set', parameters: { mode: 'manual', fields: [{ name: 'stock', value: '12 of {{ $json.chatInput }}' }] } } },
      { name: 'checker', description: 'Checks an answer', kind: 'agent', config: { systemMessage: 'You check answers.' } },
      { name: 'closer', description: 'Closes the conversation', kind: 'handoff', config: { systemMessage: 'You close conversations.' } },
    ];
    const wf = await api('POST', '/api/workflows', {
      name: 'E2E agent',
      nodes: [
        { name: 'Chat Trigger', type: 'weft.ai.chatTrigger', position: [0, 0], parameters: {} },
        { name: 'Agent', type: 'weft.ai.agent', position: [260, 0], credentials: { 'weft.openAiApi': cred.json.id },
          parameters: { model: 'gpt-4o-mini', modelOptions: { maxRetries: 0 }, tools } },
      ],
      connections: [{ from: 'Chat Trigger', to: 'Agent' }],
    });
    if (wf.status !== 201) throw new Error(`creating the agent workflow failed: ${JSON.stringify(wf.json)}`);
    await page.goto(`${base}/workflows/${wf.json.id}`);
    await page.getByTestId('node-Agent').waitFor();
    await page.getByTestId('chat-toggle').click();
    await page.getByTestId('chat-new').click();
    await page.getByTestId('chat-input').fill('red bikes');
    await page.getByTestId('chat-send').click();
    await expectText(page.getByTestId('chat-bot'), 'We have 12 red bikes in stock.');
    await page.getByTestId('node-Agent').click();
    const steps = page.getByTestId('output-panel').getByTestId('agent-steps');
    await expectText(steps.getByTestId('step-modelCall'), 'gpt-4o-mini-2024-07-18');
    await expectText(steps.getByTestId('step-modelCall'), '50 in / 10 out tokens');
    await expectText(steps.getByTestId('step-toolCall'), 'check_stock');
    await expectText(steps.getByTestId('step-toolCall'), '12 of red bikes');
    await expectText(steps.getByTestId('step-toolCall'), 'Sub-agent call');
    await expectText(steps.locator('.step.sub'), 'checker');
    await expectText(steps.getByTestId('step-handoff'), 'Agent → closer');
    const kinds = await steps.locator(':scope > li').evaluateAll((lis) => lis.map((li) => li.dataset.testid));
    const expected = ['step-modelCall', 'step-toolCall', 'step-modelCall', 'step-modelCall', 'step-toolCall', 'step-modelCall', 'step-handoff', 'step-modelCall'];
    if (JSON.stringify(kinds) !== JSON.stringify(expected)) throw new Error(`timeline steps ${kinds.join(', ')}`);
    await page.screenshot({ path: `${shots}/agent-steps.png` });
    if ((await page.content()).includes(MODEL_KEY)) throw new Error('the model API key appears in the studio');
    await page.getByTestId('chat-panel').getByRole('link', { name: 'execution' }).last().click();
    await page.locator('.node-list li').filter({ hasText: 'Agent' }).click();
    await expectText(page.locator('.node-data').getByTestId('step-toolCall'), 'check_stock');
    await expectText(page.locator('.node-data').getByTestId('step-handoff'), 'Agent → closer');
    await page.screenshot({ path: `${shots}/agent-execution.png` });
    if ((await page.content()).includes(MODEL_KEY)) throw new Error('the model API key appears in the execution view');
  });
} catch {
  // reported by step()
} finally {
  await browser.close();
}
const failed = results.filter((r) => !r.ok).length;
if (consoleErrors.length) console.log(`browser console errors: ${consoleErrors.join(' | ')}`);
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 && results.length === 12 ? 0 : 1);
