//! What the virtual users answer: realistic answers of 40 to 80 words, about the length of a
//! spoken minute summarised, so the prompts the server builds have a real size. Their CV and
//! job description are the corpus pair `testkit::fixtures::BACKEND_ENGINEER` (compiled in, so
//! the binary runs from anywhere).

const ANSWERS: [&str; 8] = [
    "At Helvetic Clearing I owned the settlement ledger rewrite. We kept the Java monolith as the \
     source of truth and ran the new Go services in shadow mode for six weeks, comparing every \
     posting nightly. Only when a full month reconciled to the last cent did we switch traffic, \
     one card scheme at a time, with a rollback switch we never needed.",
    "We used REPEATABLE READ for the posting path and SERIALIZABLE only for the few balance \
     checks that span accounts. I measured both under production-like load: serializable \
     everywhere doubled our retry rate. Every posting carries an idempotency key with a unique \
     index, so a retried request returns the stored result instead of booking twice.",
    "The biggest win was removing a synchronous call to the fraud service from the hot path. I \
     profiled with pprof, found that most of the p99 was waiting on that call and on a lock in \
     our connection pool, moved the fraud check to an asynchronous queue with a hold status, and \
     sized the pool from measurements rather than guesses. Latency fell from 480 to 35 ms.",
    "I started with the batch job that caused most incidents. We wrote the outbox pattern into \
     the Java side first, so every change was published as an event from the same transaction. \
     Then a Go consumer took over one account type at a time while the batch skipped those \
     accounts, and we compared totals daily until the batch had nothing left.",
    "An error-budget alert fired on a Sunday when settlement latency crept up slowly, something \
     our old threshold alerts would have missed. I traced it to a missing index after a schema \
     change, added it concurrently, and then added a query-plan check to our migration review \
     so the same mistake is caught before release.",
    "I personally planned the cut-over. We ran Kafka and RabbitMQ side by side, wrote every \
     settlement file to both, and built a small reconciler that compared message counts and \
     checksums per file. After three clean weeks we stopped publishing to RabbitMQ, kept it \
     readable for a month, and never lost a file during the migration.",
    "I ask for the access patterns first, then check the primary key, the partitioning scheme \
     and which indexes the hot queries really need. For billions of rows I insist on a plan for \
     archiving and for changing the schema online. I usually prototype with realistic data \
     volumes because estimates on small tables are misleading.",
    "Mentoring taught me to write down the decision and its alternatives before the review, so \
     quieter engineers can comment asynchronously. In our fortnightly design review I rotated \
     the chair among the four people I mentored; within six months two of them were leading \
     reviews on their own, and the number of late design changes dropped noticeably.",
];

/// The answer a user gives to the question at `position`. Users start at different points of
/// the list, so concurrent interviews do not all send the same text at the same moment.
pub fn answer(user: usize, position: u8) -> &'static str {
    ANSWERS[(user + usize::from(position)) % ANSWERS.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_realistic_lengths() {
        for text in ANSWERS {
            let words = text.split_whitespace().count();
            assert!((40..=80).contains(&words), "{words} words: {text}");
        }
    }

    #[test]
    fn documents_are_long_enough_to_make_an_interview_ready() {
        let documents = testkit::fixtures::BACKEND_ENGINEER;
        assert!(documents.cv.chars().count() > 1_000);
        assert!(documents.job.chars().count() > 1_000);
    }
}
