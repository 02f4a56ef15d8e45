//! The OpenAPI document is complete: every reference resolves, and every
//! operation documents the problem answers the shared machinery can give.

use serde_json::Value;

use crate::common::*;

fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if key == "$ref"
                    && let Some(target) = child.as_str()
                {
                    out.push(target.to_string());
                }
                refs(child, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| refs(item, out)),
        _ => {}
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_is_complete() {
    let ts = TestServer::start(Backend::Sqlite).await;
    let doc = ts.client().openapi().await.unwrap();
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");

    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(!all.is_empty());
    for target in &all {
        let name = target
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("an unexpected reference {target}"));
        assert!(schemas.contains_key(name), "{target} does not resolve");
    }
    assert!(schemas.contains_key("MemberSort"));

    let problem = &schemas["Problem"]["properties"];
    for member in [
        "type", "title", "status", "detail", "code", "errors", "instance",
    ] {
        assert!(problem.get(member).is_some(), "Problem lacks {member}");
    }
    assert!(schemas["Problem"]["example"].is_object());

    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().unwrap() {
            if !["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                continue;
            }
            operations += 1;
            let what = format!("{method} {path}");
            let responses = operation["responses"].as_object().expect("responses");
            let has = |status: &str| responses.contains_key(status);
            for status in ["500", "503"] {
                assert!(has(status), "{what}: no {status}");
            }
            if operation["security"]
                .as_array()
                .is_some_and(|s| !s.is_empty())
            {
                assert!(has("401"), "{what}: bearer route without 401");
            }
            if operation.get("requestBody").is_some() {
                for status in ["400", "413", "415", "422"] {
                    assert!(has(status), "{what}: a body but no {status}");
                }
            }
            if path.contains('{') {
                assert!(has("404"), "{what}: path ids but no 404");
            }
            for (status, answer) in responses {
                if !(status.starts_with('4') || status.starts_with('5')) {
                    continue;
                }
                let content = answer["content"].as_object().unwrap_or_else(|| {
                    panic!("{what} {status}: no content");
                });
                assert_eq!(
                    content.keys().collect::<Vec<_>>(),
                    vec!["application/problem+json"],
                    "{what} {status}"
                );
                assert_eq!(
                    content["application/problem+json"]["schema"]["$ref"],
                    "#/components/schemas/Problem",
                    "{what} {status}"
                );
            }
        }
    }
    assert!(operations > 40, "only {operations} operations");

    // Throttled routes say so; the probes are documented; main bodies have examples.
    assert!(doc["paths"]["/api/v1/auth/login"]["post"]["responses"]["429"].is_object());
    assert!(doc["paths"]["/healthz"]["get"].is_object());
    assert!(doc["paths"]["/readyz"]["get"]["responses"]["503"].is_object());
    let example = &doc["paths"]["/api/v1/auth/register"]["post"]["requestBody"]["content"]["application/json"]
        ["example"];
    assert!(example["email"].is_string(), "{example}");
    ts.finish().await;
}
