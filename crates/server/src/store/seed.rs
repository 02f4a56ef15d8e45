//! Bulk seeding of members for benchmarks and the demo organization.

use uuid::Uuid;

use super::accounts::search_words;
use super::{Db, now_ms, placeholders};

/// Generated people: "Given Family" names, unique addresses.
pub fn person(i: usize) -> (String, String) {
    const GIVEN: [&str; 16] = [
        "Ada", "Ben", "Chloé", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
        "Kemi", "Lars", "Mia", "Nuno", "Olga", "Priya",
    ];
    const FAMILY: [&str; 16] = [
        "Smith", "Müller", "García", "Rossi", "Nowak", "Silva", "Jensen", "Kim", "Dubois", "Novak",
        "Okafor", "Larsen", "Tanaka", "Costa", "Ivanova", "Patel",
    ];
    let given = GIVEN[i % GIVEN.len()];
    let family = FAMILY[(i / GIVEN.len()) % FAMILY.len()];
    let name = format!("{given} {family} {i}");
    let email = format!("{}.{}{i}@example.com", ascii(given), ascii(family));
    (name, email)
}

fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'é' => 'e',
            'ü' => 'u',
            'í' => 'i',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Inserts `count` verified accounts as active members of `org`, each in `groups`.
/// Rows go in multi-row statements, a thousand people per transaction.
pub async fn members(
    db: &Db,
    org: Uuid,
    first: usize,
    count: usize,
    groups: &[Uuid],
    password_hash: &str,
) -> anyhow::Result<Vec<Uuid>> {
    let mut ids = Vec::with_capacity(count);
    let now = now_ms();
    for batch_start in (first..first + count).step_by(1000) {
        let batch_end = (batch_start + 1000).min(first + count);
        let people: Vec<(Uuid, String, String)> = (batch_start..batch_end)
            .map(|i| {
                let (name, email) = person(i);
                (Uuid::now_v7(), name, email)
            })
            .collect();
        let mut tx = db.begin().await?;
        for chunk in people.chunks(100) {
            let values = (0..chunk.len())
                .map(|i| format!("({}, $1, TRUE, 1, $2, $2)", placeholders(3 + i * 3, 3)))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "INSERT INTO accounts (id, email, name, password_hash, email_verified, version, created_at, updated_at) VALUES {values}"
            );
            let mut q = sqlx::query(&sql).bind(password_hash).bind(now);
            for (id, name, email) in chunk {
                q = q
                    .bind(id.to_string())
                    .bind(email.clone())
                    .bind(name.clone());
            }
            q.execute(&mut *tx).await?;

            let values = (0..chunk.len())
                .map(|i| format!("($1, {}, 'active', $2, $2)", placeholders(3 + i * 3, 3)))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "INSERT INTO memberships (org_id, account_id, sort_name, sort_email, status, joined_at, updated_at) VALUES {values}"
            );
            let mut q = sqlx::query(&sql).bind(org.to_string()).bind(now);
            for (id, name, email) in chunk {
                q = q
                    .bind(id.to_string())
                    .bind(name.to_lowercase())
                    .bind(email.to_lowercase());
            }
            q.execute(&mut *tx).await?;

            let words: Vec<(String, &Uuid)> = chunk
                .iter()
                .flat_map(|(id, name, email)| {
                    search_words(name, email).into_iter().map(move |w| (w, id))
                })
                .collect();
            for part in words.chunks(400) {
                let values = (0..part.len())
                    .map(|i| format!("({})", placeholders(1 + i * 2, 2)))
                    .collect::<Vec<_>>()
                    .join(", ");
                let sql = format!(
                    "INSERT INTO account_search (token, account_id) VALUES {values} ON CONFLICT DO NOTHING"
                );
                let mut q = sqlx::query(&sql);
                for (word, id) in part {
                    q = q.bind(word.clone()).bind(id.to_string());
                }
                q.execute(&mut *tx).await?;
            }
            for group in groups {
                let values = (0..chunk.len())
                    .map(|i| format!("($1, $2, ${}, $3)", 4 + i))
                    .collect::<Vec<_>>()
                    .join(", ");
                let sql = format!(
                    "INSERT INTO group_members (group_id, org_id, account_id, added_at) VALUES {values}"
                );
                let mut q = sqlx::query(&sql)
                    .bind(group.to_string())
                    .bind(org.to_string())
                    .bind(now);
                for (id, _, _) in chunk {
                    q = q.bind(id.to_string());
                }
                q.execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        ids.extend(people.into_iter().map(|(id, _, _)| id));
    }
    Ok(ids)
}
