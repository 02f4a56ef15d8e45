//! Completes the OpenAPI document in one place, so that each route's
//! `#[utoipa::path]` names only what is special about it.
//!
//! Every operation gets the problem answers the shared machinery can produce:
//! 401 for bearer routes, 400/413/415/422 for bodies, 404 for path ids, 429
//! where a throttle applies, 500 and 503 everywhere, each as
//! `application/problem+json` with the `Problem` schema.

use orgdesk_api::permissions;
use serde_json::json;
use utoipa::Modify;
use utoipa::openapi::path::{Operation, ParameterIn, PathItem};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr};

pub const PROBLEM_JSON: &str = "application/problem+json";

/// Adds the problem answers and the examples of the main bodies.
pub struct ProblemAnswers;

impl Modify for ProblemAnswers {
    fn modify(&self, openapi: &mut OpenApi) {
        describe_problem(openapi);
        for (path, item) in &mut openapi.paths.paths {
            for (method, operation) in operations_mut(item) {
                as_problems(operation);
                bound_query(path, operation);
                for (status, description) in shared_answers(path, method, operation) {
                    operation
                        .responses
                        .responses
                        .entry(status.to_string())
                        .or_insert_with(|| RefOr::T(problem_answer(description)));
                }
                if let Some(example) = body_example(path, method) {
                    add_body_example(operation, example);
                }
            }
        }
    }
}

fn operations_mut(item: &mut PathItem) -> impl Iterator<Item = (&'static str, &mut Operation)> {
    [
        ("get", &mut item.get),
        ("put", &mut item.put),
        ("post", &mut item.post),
        ("delete", &mut item.delete),
        ("patch", &mut item.patch),
        ("head", &mut item.head),
        ("options", &mut item.options),
        ("trace", &mut item.trace),
    ]
    .into_iter()
    .filter_map(|(method, operation)| operation.as_mut().map(|o| (method, o)))
}

fn problem_content() -> utoipa::openapi::Content {
    ContentBuilder::new()
        .schema(Some(Ref::from_schema_name("Problem")))
        .build()
}

fn problem_answer(description: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content(PROBLEM_JSON, problem_content())
        .build()
}

/// Error answers a route declared with `body = Problem` are problem+json.
fn as_problems(operation: &mut Operation) {
    for (status, answer) in &mut operation.responses.responses {
        let is_error = status.starts_with('4') || status.starts_with('5');
        if let (true, RefOr::T(answer)) = (is_error, answer) {
            answer.content.shift_remove("application/json");
            answer
                .content
                .insert(PROBLEM_JSON.into(), problem_content());
        }
    }
}

/// The answers every operation of this shape can give, whatever its handler does.
fn shared_answers(path: &str, method: &str, operation: &Operation) -> Vec<(u16, &'static str)> {
    let mut answers = vec![
        (
            500,
            "internal_error: the server failed; the cause is logged under `instance`",
        ),
        (
            503,
            "service_unavailable: the database is out of reach, the request took too long, or the server is saturated; try again after `Retry-After`",
        ),
    ];
    let bearer = operation
        .security
        .as_ref()
        .is_some_and(|requirements| !requirements.is_empty());
    if bearer {
        answers.push((401, "unauthenticated: no token, or its session has ended"));
        answers.push((
            403,
            "password_reset_required, forbidden (a permission is missing) or not_a_member",
        ));
    }
    if path.contains("/orgs/{org}") {
        answers.push((404, "not_found: no such organization (or resource in it)"));
        answers.push((409, "org_pending_payment or org_suspended"));
    }
    let has_path_params = path.contains('{');
    if has_path_params {
        answers.push((404, "not_found"));
    }
    let has_query = operation.parameters.as_ref().is_some_and(|params| {
        params
            .iter()
            .any(|p| matches!(p.parameter_in, ParameterIn::Query))
    });
    if has_query {
        answers.push((
            400,
            "bad_request: a query parameter does not parse, or a cursor this list did not issue",
        ));
        answers.push((
            422,
            "validation_failed: a query value is out of range (`errors` names it)",
        ));
    }
    if operation.request_body.is_some() {
        answers.push((400, "invalid_json: the body is not JSON"));
        answers.push((413, "payload_too_large"));
        answers.push((
            415,
            "unsupported_media_type: send Content-Type: application/json",
        ));
        answers.push((422, "validation_failed: `errors` names each invalid field"));
    }
    if is_throttled(path, method) {
        answers.push((
            429,
            "too_many_attempts or rate_limited: slowed down; try again after `Retry-After`",
        ));
    }
    answers
}

/// What API.md fixes for every list's query: `limit` is 1 to 500; `format`
/// (exports) is `json` or `csv`, and only `csv` for evidence that exists
/// only as a file (an access review's report).
fn bound_query(path: &str, operation: &mut Operation) {
    for parameter in operation.parameters.iter_mut().flatten() {
        if !matches!(parameter.parameter_in, ParameterIn::Query) {
            continue;
        }
        let schema = match parameter.name.as_str() {
            "limit" => ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int32)))
                .minimum(Some(1))
                .maximum(Some(500))
                .description(Some("at most this many items (default 50)")),
            "format" if path.ends_with("/report") => ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(["csv"])),
            "format" => ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(["json", "csv"])),
            _ => continue,
        };
        parameter.schema = Some(schema.into());
    }
}

/// Routes behind a throttle (failed passwords, sign-ups, invitations).
fn is_throttled(path: &str, method: &str) -> bool {
    method == "post"
        && [
            "/auth/login",
            "/auth/register",
            "/auth/password",
            "/accept",
            "/invitations",
            "/resend",
            "/verify",
        ]
        .iter()
        .any(|suffix| path.ends_with(suffix))
}

/// The Problem schema says what the middleware adds (`instance`) and shows one.
fn describe_problem(openapi: &mut OpenApi) {
    let components = openapi.components.get_or_insert_with(Default::default);
    if let Some(RefOr::T(Schema::Object(problem))) = components.schemas.get_mut("Problem") {
        problem.properties.insert(
            "instance".into(),
            ObjectBuilder::new()
                .schema_type(Type::String)
                .description(Some(
                    "The request's id, as answered in `X-Request-Id`: quote it to find the request in the server's logs.",
                ))
                .into(),
        );
        problem.example = Some(json!({
            "type": "urn:orgdesk:problem:validation_failed",
            "title": "Unprocessable Entity",
            "status": 422,
            "detail": "password: at least 12 characters",
            "code": "validation_failed",
            "errors": [{"field": "password", "code": "too_short", "message": "at least 12 characters"}],
            "instance": "01938f7e-5a1c-7b3e-9c1d-2f4a6b8c0d1e"
        }));
    }
}

fn add_body_example(operation: &mut Operation, example: serde_json::Value) {
    if let Some(body) = &mut operation.request_body
        && let Some(content) = body.content.get_mut("application/json")
    {
        content.example = Some(example);
    }
}

/// Examples of the main request bodies.
fn body_example(path: &str, method: &str) -> Option<serde_json::Value> {
    let example = match (method, path) {
        ("post", "/api/v1/auth/register") => json!({
            "email": "ada@example.com",
            "password": "violet-harbor-7-lantern",
            "name": "Ada Lovelace"
        }),
        ("post", "/api/v1/auth/login") => json!({
            "email": "ada@example.com",
            "password": "violet-harbor-7-lantern",
            "organization": "acme"
        }),
        ("post", "/api/v1/orgs") => json!({
            "name": "Acme GmbH",
            "subdomain": "acme",
            "country": "DE",
            "vat_id": "DE136695976",
            "address": "Hauptstraße 1, 10115 Berlin",
            "billing_email": "billing@acme.example",
            "products": [{"product": "crm", "package": "crm-team"}]
        }),
        ("post", "/api/v1/orgs/{org}/groups") => json!({
            "name": "Support",
            "description": "First-line support staff",
            "permissions": [permissions::MEMBERS_READ, permissions::GROUPS_READ]
        }),
        ("post", "/api/v1/orgs/{org}/invitations") => json!({
            "invitations": [
                {"email": "grace@example.com"},
                {"email": "alan@example.com", "groups": ["0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b"]},
                {"email": "contractor@example.com", "expires_at": "2027-03-31T23:59:59Z"}
            ]
        }),
        ("post", "/api/v1/orgs/{org}/groups/bulk") => json!({
            "changes": [{
                "group": "0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b",
                "add": ["0193a2b4-0000-7000-8000-000000000001"],
                "remove": []
            }],
            "dry_run": true
        }),
        _ => return None,
    };
    Some(example)
}
