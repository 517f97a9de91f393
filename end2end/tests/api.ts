import { expect, type APIRequestContext } from '@playwright/test';

/**
 * Set-up through the JSON API, with the page's own cookie jar (`page.request`), for tests
 * about what comes after: history, deletion, accessibility of finished pages.
 */

export const CV = [
  'Priya Raghunathan',
  'Data scientist, London.',
  'Larkspur Grocers plc, 2019 – present: built a hierarchical demand-forecasting system with LightGBM;',
  'ran CUPED experiments; moved reporting to Snowflake; Python and SQL every day.',
].join('\n');

export const JOB = [
  'Data Scientist at Northwind Analytics',
  'Requirements:',
  '- Experimentation and A/B testing at scale',
  '- Python, SQL and Snowflake',
  '- Demand forecasting; stakeholder communication',
].join('\n');

export const STRONG_ANSWER =
  'At Larkspur Grocers I led the demand-forecasting rebuild: I chose LightGBM, wrote the Python pipeline in Snowflake and SQL, and as a result cut fresh-food waste by 18 % in six months.';

/** An interview with both documents, ready to start; returns its id. */
export async function readyInterview(request: APIRequestContext, jobTitle: string, questionCount = 3) {
  const created = await request.post('/api/v1/interviews', {
    data: { job_title: jobTitle, company: 'Northwind Analytics', question_count: questionCount },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  for (const [kind, text] of [['cv', CV], ['job_description', JOB]]) {
    const saved = await request.put(`/api/v1/interviews/${id}/documents/${kind}`, { data: { text } });
    expect(saved.status()).toBe(200);
  }
  return id as string;
}

/** A finished interview whose report is written; returns its id and overall score. */
export async function scoredInterview(request: APIRequestContext, jobTitle: string, answer = STRONG_ANSWER) {
  const id = await readyInterview(request, jobTitle);
  // The same answer to each question (an interview has at most 12).
  const report = await finishInterview(request, id, Array(12).fill(answer));
  return { id, score: report.overall.score as number | undefined };
}

/**
 * Starts a ready interview, answers each question with the next of `answers` until it is
 * complete, asks for the report and returns it once written.
 */
export async function finishInterview(request: APIRequestContext, id: string, answers: Iterable<string>) {
  let question = await (await request.post(`/api/v1/interviews/${id}/start`)).json();
  for (const answer of answers) {
    const response = await request.post(`/api/v1/interviews/${id}/answers`, {
      data: { question_id: question.id, text: answer, client_id: crypto.randomUUID() },
    });
    expect(response.status()).toBe(200);
    const outcome = await response.json();
    if (outcome.completed) break;
    question = outcome.next_question;
  }
  await request.post(`/api/v1/interviews/${id}/feedback`);
  for (let attempt = 0; attempt < 200; attempt++) {
    const response = await request.get(`/api/v1/interviews/${id}/feedback`);
    if (response.status() === 200) return response.json();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the report was not written in 10 s');
}
