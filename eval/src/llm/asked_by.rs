//! Which interviewer asked each question ("openai", "anthropic", "gemini" or "offline"). The
//! API does not say (a `Question` is id, position and text), but the server stores it with the
//! question: read through `psql` from the same database. `None` when that is not possible.

use std::process::Command;

use uuid::Uuid;

/// The interviewer of each question of `interview`, by position.
pub fn asked_by(database_url: &str, interview: Uuid) -> Result<Vec<String>, String> {
    let query = format!(
        "SELECT interviewer FROM questions WHERE interview_id = '{interview}' ORDER BY position"
    );
    let output = Command::new("psql")
        .args([database_url, "-X", "-A", "-t", "-c", &query])
        .output()
        .map_err(|e| format!("running psql: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "psql: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(lines(&String::from_utf8_lossy(&output.stdout)))
}

/// psql's unaligned, tuples-only output: one value a line.
fn lines(output: &str) -> Vec<String> {
    output
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_interviewer_a_line() {
        assert_eq!(lines("openai\noffline\n\n"), ["openai", "offline"]);
        assert!(lines("").is_empty());
    }
}
