// A local LLM provider speaking OpenAI's chat-completions wire format (plain JSON, or SSE when
// `stream` is asked for), whose every word is a hostile string: the interview server behind
// hostile-strings.spec.ts asks it for questions and reports. The string is the payload of
// testdata/hostile/payloads.json that the prompt carries (the interview's job title, its
// documents or answers), so each interview gets its own; a prompt with none gets the first.
//
// A question asked for an interview whose job title carries SLOW_MARKER is not answered
// before SLOW_MS, far past the server's first-token deadline (LLM_FIRST_TOKEN_SECS in
// playwright.config.ts), like a busy CPU model: the server hands the question over to its
// built-in coach (handover.spec.ts). No hostile payload carries the marker.
//
// Usage: node fake-llm.mjs <port>

import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { payloads } = JSON.parse(
  readFileSync(path.join(here, '..', 'testdata', 'hostile', 'payloads.json'), 'utf8'),
);
// The two that no field takes whole (too long for a name, NUL) are never picked.
const candidates = payloads.filter((payload) => !['long-run', 'nul'].includes(payload.name));
const port = Number(process.argv[2] ?? 3102);
const SLOW_MARKER = 'slow-to-start';
const SLOW_MS = 20_000;

/** The payload the prompt carries. */
function pick(prompt) {
  return (candidates.find((payload) => prompt.includes(payload.text)) ?? candidates[0]).text;
}

/** A question, new each time: the transcript in the prompt grows by a "?" per question. */
function question(text, prompt) {
  const asked = prompt.split('?').length - 1;
  return `How would you handle ${text} in week ${asked}, and why?`;
}

/** A report with `text` in every string field, for an interview of three answered questions. */
function report(text, prompt) {
  const quote = prompt.includes(text) ? text : null;
  const dimension = { score: 6, comment: text };
  const point = (number) => ({ text, quote, question: number });
  return {
    overall: { score: 6, not_enough_evidence: null },
    summary: text,
    dimensions: {
      relevance: dimension,
      structure: dimension,
      specificity: dimension,
      clarity: dimension,
      confidence: dimension,
      consistency: dimension,
    },
    strengths: [point(1)],
    weaknesses: [point(2)],
    missing: [point(null)],
    cv_tips: [{ kind: 'quantify', text, before: null, after: text }],
    questions: [1, 2, 3].map((number) => ({
      number,
      worked: [text],
      to_add: [text],
      sample_answer: text,
    })),
    themes: [[...text].slice(0, 50).join('')],
    key_points: [text],
    sentiment: 0.1,
  };
}

function promptOf(body) {
  return (body.messages ?? [])
    .map((message) => (typeof message.content === 'string' ? message.content : ''))
    .join('\n');
}

function reply(body) {
  const prompt = promptOf(body);
  const text = pick(prompt);
  return body.response_format ? JSON.stringify(report(text, prompt)) : question(text, prompt);
}

/** Writes the reply, streamed (SSE) when the request asks for it. */
function answer(body, response) {
  const content = reply(body);
  if (body.stream) {
    const chunk = (delta, finish) =>
      `data: ${JSON.stringify({
        id: 'chatcmpl-h',
        object: 'chat.completion.chunk',
        model: 'fake-model',
        choices: [{ index: 0, delta, finish_reason: finish }],
      })}\n\n`;
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.end(
      chunk({ role: 'assistant', content }, null) + chunk({}, 'stop') + 'data: [DONE]\n\n',
    );
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      id: 'chatcmpl-h',
      object: 'chat.completion',
      created: 1767225600,
      model: 'fake-model',
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 100, completion_tokens: 100, total_tokens: 200 },
    }),
  );
}

const server = http.createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/v1/models') {
    // What Playwright polls until the provider is up.
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ object: 'list', data: [{ id: 'fake-model', object: 'model' }] }));
    return;
  }
  if (request.method !== 'POST' || !request.url.endsWith('/chat/completions')) {
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
    return;
  }
  let raw = '';
  request.setEncoding('utf8');
  request.on('data', (chunk) => (raw += chunk));
  request.on('end', () => {
    const body = JSON.parse(raw);
    if (!body.response_format && promptOf(body).includes(SLOW_MARKER)) {
      // Nothing until long after the deadline; the server closes the connection first.
      const timer = setTimeout(() => answer(body, response), SLOW_MS);
      response.on('close', () => clearTimeout(timer));
      return;
    }
    answer(body, response);
  });
});

server.listen(port, '127.0.0.1', () => console.log(`fake LLM on http://127.0.0.1:${port}/v1`));
