//! `/interviews/new`: set up an interview. Works as a plain HTML form without JavaScript and
//! as a live form once hydrated (character counters, errors without a reload).

use domain::{
    InterviewKind, Seniority, DEFAULT_QUESTION_COUNT, MAX_NAME_CHARS, MAX_QUESTION_COUNT,
    MIN_QUESTION_COUNT,
};
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::page_title::PageTitle;
use crate::server_fns::CreateInterview;
use crate::AppError;

#[component]
pub(crate) fn NewInterviewPage() -> impl IntoView {
    let create = ServerAction::<CreateInterview>::new();
    // After a form post without JavaScript the server redirects back here with the error,
    // which carries what was submitted; start from that so nothing typed is lost.
    let failed = move || create.value().get().and_then(Result::err);
    let submitted = failed()
        .and_then(|error| match error {
            AppError::Invalid { submitted, .. } => submitted,
            _ => None,
        })
        .unwrap_or_default();
    let field_error = move |field: &'static str| {
        Signal::derive(move || failed().and_then(|error| error.field_message(field)))
    };
    let general_error = move || {
        failed()
            .filter(|error| !matches!(error, AppError::Invalid { .. }))
            .map(|e| e.to_string())
    };

    view! {
        <PageTitle text="New interview" />
        <section class="page page--narrow">
            <h1>"Set up a practice interview"</h1>
            <p class="muted">
                "Which job are you practising for? You'll add your CV and the job description next."
            </p>
            <ActionForm action=create attr:class="form" attr:aria-describedby="form-status">
                <NameField
                    name="job_title"
                    label="Job title"
                    placeholder="e.g. Senior Backend Engineer"
                    initial=submitted.job_title.clone()
                    error=field_error("job_title")
                />
                <NameField
                    name="company"
                    label="Company"
                    placeholder="e.g. Northwind Logistics"
                    initial=submitted.company.clone()
                    error=field_error("company")
                />
                <div class="form__row">
                    <ChoiceField
                        name="kind"
                        label="Interview kind"
                        options=InterviewKind::ALL.iter().map(|k| (k.as_str(), k.label())).collect()
                        selected=submitted.kind.unwrap_or(InterviewKind::Mixed).as_str()
                    />
                    <ChoiceField
                        name="seniority"
                        label="Seniority"
                        options=Seniority::ALL.iter().map(|s| (s.as_str(), s.label())).collect()
                        selected=submitted.seniority.unwrap_or(Seniority::Mid).as_str()
                    />
                    <div class="field">
                        <label for="question_count">"Questions"</label>
                        <input
                            id="question_count"
                            name="input[question_count]"
                            type="number"
                            min=MIN_QUESTION_COUNT
                            max=MAX_QUESTION_COUNT
                            value=submitted.question_count.unwrap_or(DEFAULT_QUESTION_COUNT)
                            aria-invalid=move || field_error("question_count").get().is_some().to_string()
                            aria-describedby="question_count-error"
                        />
                        <FieldMessage id="question_count-error" error=field_error("question_count") />
                    </div>
                </div>
                <div id="form-status" role="alert" class="form__status">
                    {move || general_error().map(|message| view! { <p class="notice notice--error">{message}</p> })}
                </div>
                <button type="submit" class="button button--primary" disabled=move || create.pending().get()>
                    {move || if create.pending().get() { "Creating…" } else { "Create interview" }}
                </button>
            </ActionForm>
        </section>
    }
}

/// A required text input with a live character count and its inline error.
#[component]
fn NameField(
    name: &'static str,
    label: &'static str,
    placeholder: &'static str,
    initial: String,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let length = RwSignal::new(initial.chars().count());
    let error_id = format!("{name}-error");
    let count_id = format!("{name}-count");
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <input
                id=name
                name=format!("input[{name}]")
                type="text"
                required
                maxlength=MAX_NAME_CHARS
                autocomplete="off"
                placeholder=placeholder
                value=initial
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=format!("{error_id} {count_id}")
                on:input=move |event| length.set(event_target_value(&event).chars().count())
            />
            <div class="field__foot">
                <FieldMessage id=error_id error />
                <span id=count_id class="field__count" aria-live="off">
                    {move || format!("{} / {MAX_NAME_CHARS}", length.get())}
                </span>
            </div>
        </div>
    }
}

#[component]
fn ChoiceField(
    name: &'static str,
    label: &'static str,
    options: Vec<(&'static str, &'static str)>,
    selected: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <select id=name name=format!("input[{name}]")>
                {options
                    .into_iter()
                    .map(|(value, text)| view! { <option value=value selected=value == selected>{text}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn FieldMessage(#[prop(into)] id: String, error: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p id=id class="field__error">
            {move || error.get()}
        </p>
    }
}
