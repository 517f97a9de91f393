//! The OpenAPI document at `/api/v1/openapi.json`: its frame here, its operations from the
//! handlers' annotations as `api::routes` declares them, so it cannot drift from the code.

use serde_json::Value;
use utoipa::OpenApi;

use super::documents;
use crate::error::{ErrorBody, ErrorDetail, RateLimited, TimedOut, Unavailable};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Interview Simulator API",
        version = "1",
        description = "Practise a job interview: set up interviews for a job, answer tailored questions, get feedback. \
            Identity is an anonymous owner cookie (`owner`), set on the first response; every interview belongs to one owner \
            and is reported as missing (404) to anyone else."
    ),
    components(responses(RateLimited, Unavailable, TimedOut), schemas(
        ErrorBody,
        ErrorDetail,
        domain::FieldError,
        domain::InterviewStatus,
        domain::InterviewKind,
        domain::Seniority,
        domain::DocumentKind,
        domain::Document,
        domain::DocumentText,
        documents::UploadForm,
        domain::Question,
        domain::QuestionId,
        domain::NewAnswer,
        domain::AnswerOutcome,
        domain::Transcript,
        domain::TranscriptEntry,
        domain::QuestionEvent,
        domain::Interviewer,
        domain::HandoverReason,
        domain::Report,
        domain::ReportProgress,
        domain::ReportJobStatus,
        domain::ShareLink,
        domain::NewShareLink,
        domain::SharedReport,
        domain::PreparationBrief,
        domain::RequirementEvidence,
        domain::NewAttempt,
        domain::Attempt,
        domain::QuestionAttempts,
        domain::QuestionKind,
        domain::InterviewAttempts,
        domain::ScoreWithAttempts,
        domain::BankedAnswer,
    )),
    tags(
        (name = "interviews", description = "Practice interviews"),
        (name = "documents", description = "The CV and job description of an interview"),
        (name = "interview", description = "Questions and answers, one open question at a time"),
        (name = "feedback", description = "The report on an interview, and read-only share links to it"),
        (name = "your data", description = "Everything of yours as one file, and moving it to another browser"),
        (name = "practice", description = "Questions of a completed interview answered again, and the answer bank"),
    )
)]
pub struct ApiDoc;

/// The document as served, from the one the routes collected.
pub fn finish(api: utoipa::openapi::OpenApi) -> Value {
    let mut document = serde_json::to_value(api).unwrap_or_default();
    camel_case_links(&mut document);
    describe_event_streams(&mut document);
    add_responses_every_operation_can_give(&mut document);
    document
}

/// utoipa 5 writes the fields of a Link Object in snake case (`operation_id`), which no
/// client reads; OpenAPI spells them `operationId`, `operationRef` and `requestBody`.
fn camel_case_links(document: &mut Value) {
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    let links = paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.values_mut())
        .filter_map(|operation| operation.get_mut("responses")?.as_object_mut())
        .flat_map(|responses| responses.values_mut())
        .filter_map(|response| response.get_mut("links")?.as_object_mut())
        .flat_map(|links| links.values_mut())
        .filter_map(Value::as_object_mut);
    for link in links {
        for (snake, camel) in [
            ("operation_id", "operationId"),
            ("operation_ref", "operationRef"),
            ("request_body", "requestBody"),
        ] {
            if let Some(value) = link.remove(snake) {
                link.insert(camel.to_owned(), value);
            }
        }
    }
}

/// 503 (the database is unreachable) and 408 (the time limit) come from layers under every
/// handler, so they are added to every operation here rather than to each annotation.
fn add_responses_every_operation_can_give(document: &mut Value) {
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    let responses = paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.values_mut())
        .filter_map(|operation| operation.get_mut("responses")?.as_object_mut());
    for responses in responses {
        // An operation with a 503 of its own (document extraction) gets the outage added to it.
        if let Some(description) = responses
            .get_mut("503")
            .and_then(|own| own.get_mut("description"))
        {
            if let Some(text) = description.as_str() {
                *description = Value::from(format!(
                    "{text}; or the database cannot be reached (`database_unavailable`)"
                ));
            }
        }
        for (status, name) in [("503", "Unavailable"), ("408", "TimedOut")] {
            responses.entry(status).or_insert_with(
                || serde_json::json!({ "$ref": format!("#/components/responses/{name}") }),
            );
        }
    }
}

/// Under `text/event-stream` the schema describes one event, the object a client parses
/// (`data`, `event`, `id`, `retry`), not its payload: ours carry their JSON in `data`, so the
/// payload's schema becomes `data`'s `contentSchema` (as OpenAPI 3.2 writes event streams).
fn describe_event_streams(document: &mut Value) {
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    let streams = paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.values_mut())
        .filter_map(|operation| operation.get_mut("responses")?.as_object_mut())
        .flat_map(|responses| responses.values_mut())
        .filter_map(|response| response.get_mut("content")?.get_mut("text/event-stream"));
    for stream in streams {
        let Some(payload) = stream.get_mut("schema").map(Value::take) else {
            continue;
        };
        stream["schema"] = serde_json::json!({
            "type": "object",
            "description": "One server-sent event; its `data` is one JSON document.",
            "required": ["data"],
            "properties": {
                "data": {
                    "type": "string",
                    "contentMediaType": "application/json",
                    "contentSchema": payload,
                },
                "event": { "type": "string" },
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;

    static DOCUMENT: LazyLock<Value> = LazyLock::new(|| {
        let limits = crate::rate_limit::RateLimiting::new(services::RateLimits::OFF, None);
        finish(super::super::described_routes(1 << 20, &limits).1)
    });

    #[test]
    fn links_use_the_openapi_field_names_and_name_existing_operations() {
        let document = DOCUMENT.clone();
        let mut operation_ids = Vec::new();
        let mut targets = Vec::new();
        for item in document["paths"].as_object().unwrap().values() {
            for operation in item.as_object().unwrap().values() {
                operation_ids.push(operation["operationId"].as_str().unwrap().to_owned());
                for response in operation["responses"].as_object().unwrap().values() {
                    for link in response["links"]
                        .as_object()
                        .into_iter()
                        .flat_map(|l| l.values())
                    {
                        assert!(link.get("operation_id").is_none(), "{link}");
                        assert!(link.get("request_body").is_none(), "{link}");
                        targets.push(link["operationId"].as_str().unwrap().to_owned());
                    }
                }
            }
        }
        let mut unique = operation_ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            unique.len(),
            operation_ids.len(),
            "operation ids are unique"
        );
        assert!(targets.len() > 10, "{targets:?}");
        for target in targets {
            assert!(
                operation_ids.contains(&target),
                "link to unknown operation {target}"
            );
        }
    }

    #[test]
    fn every_operation_documents_the_database_outage_and_the_time_limit() {
        let mut operations = 0;
        for item in DOCUMENT["paths"].as_object().unwrap().values() {
            for operation in item.as_object().unwrap().values() {
                operations += 1;
                let responses = &operation["responses"];
                let outage = &responses["503"];
                assert!(
                    outage["$ref"] == "#/components/responses/Unavailable"
                        || outage["description"]
                            .as_str()
                            .is_some_and(|text| text.contains("database_unavailable")),
                    "{operation}"
                );
                assert_eq!(
                    responses["408"]["$ref"], "#/components/responses/TimedOut",
                    "{operation}"
                );
            }
        }
        assert_eq!(operations, 29);
        for name in ["Unavailable", "TimedOut"] {
            let response = &DOCUMENT["components"]["responses"][name];
            assert_eq!(
                response["content"]["application/json"]["schema"]["$ref"],
                "#/components/schemas/ErrorBody",
                "{response}"
            );
        }
    }

    #[test]
    fn event_streams_describe_the_event_with_its_json_payload() {
        let stream = &DOCUMENT["paths"]["/api/v1/interviews/{id}/question/stream"]["get"]
            ["responses"]["200"]["content"]["text/event-stream"]["schema"];
        assert_eq!(stream["required"], serde_json::json!(["data"]), "{stream}");
        assert_eq!(
            stream["properties"]["data"]["contentSchema"]["$ref"],
            "#/components/schemas/QuestionEvent"
        );
    }
}
