"""One whole interview through a client generated from /api/v1/openapi.json (see
scripts/api-client.sh, which generates the `interview_simulator_client` package and runs this
with the server's base URL). Every call goes through the generated functions and models, so a
response the document does not describe, or describes wrongly, fails here."""

import io
import sys
import time
import uuid

from interview_simulator_client import Client
from interview_simulator_client.api.documents import get_document, put_document, upload_document
from interview_simulator_client.api.feedback import (
    create_share,
    get_feedback,
    open_shared_report,
    request_feedback,
)
from interview_simulator_client.api.interview import answer_question, end_interview, start_interview
from interview_simulator_client.api.interviews import create_interview, get_interview, list_interviews
from interview_simulator_client.models import (
    Document,
    DocumentKind,
    DocumentText,
    FeedbackProgress,
    Interview,
    InterviewDetail,
    InterviewStatus,
    NewAnswer,
    NewInterview,
    NewShareLink,
    Report,
    SharedReport,
    UploadForm,
)
from interview_simulator_client.types import File

CV = (
    "Priya Raghunathan\nData scientist, London. Larkspur Grocers plc: demand forecasting with "
    "LightGBM, CUPED experiments, Snowflake, Python. Led the move of weekly forecasts to "
    "daily, cutting waste by 12 %."
)
JOB = (
    "Data Scientist at Northwind Analytics\nRequirements:\n- Experimentation and A/B testing\n"
    "- Python, SQL, Snowflake\n- Forecasting\nYou will own the demand models of our retail clients."
)
QUESTIONS = 3
REPORT_WAIT_SECONDS = 120


def ok(response, status, model):
    """The parsed body of a response that must have `status` and be a `model`."""
    assert response.status_code == status, (
        f"expected {status}, got {response.status_code}: {response.content[:500]!r}"
    )
    assert isinstance(response.parsed, model), f"expected a {model.__name__}: {response.parsed!r}"
    return response.parsed


def main(base_url: str) -> None:
    # One client, one cookie jar: the owner cookie set by the first response is sent after.
    # Undocumented statuses raise instead of passing as None.
    client = Client(base_url=base_url, raise_on_unexpected_status=True, timeout=30.0)

    interview = ok(
        create_interview.sync_detailed(
            client=client,
            body=NewInterview(
                job_title="Data Scientist", company="Northwind Analytics", question_count=QUESTIONS
            ),
        ),
        201,
        Interview,
    )
    assert "owner" in client.get_httpx_client().cookies, "the owner cookie was set"
    assert interview.status == InterviewStatus.NOT_READY, interview.status
    interview_id = interview.id
    listed = list_interviews.sync_detailed(client=client).parsed
    assert [item.id for item in listed] == [interview_id], listed

    # The CV pasted as JSON, the job description uploaded as a file: both operations.
    cv = ok(
        put_document.sync_detailed(
            interview_id, DocumentKind.CV, client=client, body=DocumentText(text=CV)
        ),
        200,
        Document,
    )
    assert cv.detected_type == "text" and cv.text == CV, cv
    job = ok(
        upload_document.sync_detailed(
            interview_id,
            DocumentKind.JOB_DESCRIPTION,
            client=client,
            body=UploadForm(
                file=File(payload=io.BytesIO(JOB.encode()), file_name="job.txt", mime_type="text/plain")
            ),
        ),
        200,
        Document,
    )
    assert job.file_name == "job.txt" and "Northwind" in job.text, job
    read_back = get_document.sync_detailed(
        interview_id, DocumentKind.JOB_DESCRIPTION, client=client
    ).parsed
    assert read_back.text == job.text, read_back

    detail = ok(get_interview.sync_detailed(interview_id, client=client), 200, InterviewDetail)
    assert detail.status == InterviewStatus.READY, detail.status
    assert [document.kind for document in detail.documents] == [
        DocumentKind.CV,
        DocumentKind.JOB_DESCRIPTION,
    ], detail.documents
    assert detail.transcript.entries == [], detail.transcript

    # Every question answered, then ended (a completed interview ends as it is).
    question = start_interview.sync_detailed(interview_id, client=client).parsed
    answered = 0
    while question is not None:
        assert question.position == answered + 1, question
        outcome = answer_question.sync_detailed(
            interview_id,
            client=client,
            body=NewAnswer(
                question_id=question.id,
                text=f"At Larkspur I answered this with data: answer {answered + 1}, "
                "forecasting demand and testing the change with CUPED.",
                client_id=uuid.uuid4(),
            ),
        ).parsed
        answered += 1
        question = outcome.next_question if not outcome.completed else None
    assert answered == QUESTIONS, answered
    transcript = end_interview.sync_detailed(interview_id, client=client).parsed
    assert transcript.status == InterviewStatus.COMPLETED, transcript.status
    assert all(entry.answer for entry in transcript.entries), transcript.entries

    # The report: asked for, then polled until written.
    asked = request_feedback.sync_detailed(interview_id, client=client)
    assert asked.status_code in (200, 202), asked.status_code
    deadline = time.monotonic() + REPORT_WAIT_SECONDS
    while True:
        polled = get_feedback.sync_detailed(interview_id, client=client)
        if polled.status_code == 200:
            report = ok(polled, 200, Report)
            break
        ok(polled, 202, FeedbackProgress)
        assert time.monotonic() < deadline, f"no report after {REPORT_WAIT_SECONDS} s"
        time.sleep(1)
    assert report.summary, report
    assert len(report.questions) == QUESTIONS, report.questions

    # A share link, and the report through it.
    link = ok(create_share.sync_detailed(interview_id, client=client), 201, NewShareLink)
    assert link.url.startswith(base_url) and link.token in link.url, link
    shared = ok(open_shared_report.sync_detailed(link.token, client=client), 200, SharedReport)
    assert shared.report.summary == report.summary, shared

    final = ok(get_interview.sync_detailed(interview_id, client=client), 200, InterviewDetail)
    assert final.status == InterviewStatus.COMPLETED, final.status
    assert len(final.transcript.entries) == QUESTIONS, final.transcript
    print(
        f"one interview through the generated client: {QUESTIONS} questions answered, "
        f"report ready, shared at {link.url}"
    )


if __name__ == "__main__":
    main(sys.argv[1])
