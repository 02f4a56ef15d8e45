//! What an audit entry may hold: a bounded summary of a change, never an
//! unbounded copy of what a client sent.

use serde_json::Value;

/// Items of a list kept in an entry; the rest are counted.
pub const MAX_ITEMS: usize = 50;
/// Characters of a text kept in an entry.
pub const MAX_CHARS: usize = 300;

/// `detail` with every list cut to [`MAX_ITEMS`] (followed by
/// `{"more": n}`), every text to [`MAX_CHARS`], and nesting to a few levels.
pub fn bounded(detail: Value) -> Value {
    bound(detail, 0)
}

fn bound(value: Value, depth: usize) -> Value {
    if depth > 4 {
        return Value::String("…".into());
    }
    match value {
        Value::String(s) if s.chars().count() > MAX_CHARS => {
            Value::String(s.chars().take(MAX_CHARS).chain(['…']).collect())
        }
        Value::Array(items) => {
            let total = items.len();
            let mut kept: Vec<Value> = items
                .into_iter()
                .take(MAX_ITEMS)
                .map(|v| bound(v, depth + 1))
                .collect();
            if total > MAX_ITEMS {
                kept.push(serde_json::json!({ "more": total - MAX_ITEMS }));
            }
            Value::Array(kept)
        }
        Value::Object(map) => Value::Object(
            map.into_iter()
                .take(MAX_ITEMS)
                .map(|(k, v)| (k.chars().take(64).collect(), bound(v, depth + 1)))
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn large_details_are_summarized() {
        let ids: Vec<u32> = (0..20_000).collect();
        let detail = bounded(json!({ "added": ids, "note": "x".repeat(10_000), "n": 3 }));
        let added = detail["added"].as_array().unwrap();
        assert_eq!(added.len(), MAX_ITEMS + 1);
        assert_eq!(added[MAX_ITEMS], json!({ "more": 20_000 - MAX_ITEMS }));
        assert_eq!(
            detail["note"].as_str().unwrap().chars().count(),
            MAX_CHARS + 1
        );
        assert_eq!(detail["n"], 3);
        assert!(detail.to_string().len() < 4_000);
    }

    #[test]
    fn small_details_stay_as_they_are() {
        let detail = json!({ "email": "a@b.io", "groups": ["x", "y"] });
        assert_eq!(bounded(detail.clone()), detail);
        let deep = json!([[[[[[["deep"]]]]]]]);
        assert!(bounded(deep).to_string().contains('…'));
    }
}
