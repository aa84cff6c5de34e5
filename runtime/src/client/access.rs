//! Explaining access denials, and keeping secrets out of error messages.
//!
//! When IAM refuses a call (`OperationNotPermittedFault`, `AccessDeniedException`, a bare 403),
//! the error names the IAM action, the domain's ARN and the policy statement that would allow
//! the call, e.g. `not permitted: swf:PollForActivityTask on
//! arn:aws:swf:us-east-1:*:/domain/orders; allow it with {"Effect":"Allow",...}`. SWF controls
//! access per domain, and some actions by request parameters (condition keys); see
//! <https://docs.aws.amazon.com/amazonswf/latest/developerguide/swf-dev-iam.html>.

use aws_credential_types::Credentials as AwsCredentials;
use serde_json::Value;

use crate::error::{Error, ErrorKind, FaultCode};
use crate::partition::Partition;

/// What replaces a secret that an answer echoed back.
const REDACTED: &str = "** redacted **";

/// The ARN IAM policies name an SWF domain by: `arn:PARTITION:swf:REGION:ACCOUNT:/domain/DOMAIN`.
pub(crate) fn domain_arn(region: &str, account: &str, domain: &str) -> String {
    format!(
        "arn:{}:swf:{region}:{account}:/domain/{domain}",
        Partition::of(region).name()
    )
}

/// A JSON string literal.
pub(crate) fn json_string(value: &str) -> String {
    Value::String(value.to_owned()).to_string()
}

/// One string or a list of them, as IAM writes either.
fn json_strings(values: &[String]) -> String {
    match values {
        [one] => json_string(one),
        many => format!(
            "[{}]",
            many.iter()
                .map(|v| json_string(v))
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

/// An `Allow` statement of an IAM policy, written out in the usual key order.
#[derive(Debug, Clone)]
pub(crate) struct Statement {
    pub(crate) sid: Option<String>,
    pub(crate) actions: Vec<String>,
    pub(crate) resource: String,
    /// `StringEquals` conditions: key, allowed values.
    pub(crate) string_equals: Vec<(&'static str, Vec<String>)>,
}

impl Statement {
    pub(crate) fn new(actions: &[&str], resource: String) -> Statement {
        Statement {
            sid: None,
            actions: actions.iter().map(|a| format!("swf:{a}")).collect(),
            resource,
            string_equals: Vec::new(),
        }
    }

    /// A statement of actions named in full (`s3:GetObject`), for other services than SWF.
    pub(crate) fn of_service(actions: &[&str], resource: String) -> Statement {
        Statement {
            actions: actions.iter().map(|a| (*a).to_owned()).collect(),
            ..Statement::new(&[], resource)
        }
    }

    pub(crate) fn condition(mut self, key: &'static str, values: Vec<String>) -> Statement {
        if !values.is_empty() {
            self.string_equals.push((key, values));
        }
        self
    }

    pub(crate) fn sid(mut self, sid: impl Into<String>) -> Statement {
        self.sid = Some(sid.into());
        self
    }

    /// The statement as compact JSON.
    pub(crate) fn to_json(&self) -> String {
        let mut out = String::from("{");
        if let Some(sid) = &self.sid {
            out.push_str(&format!("\"Sid\":{},", json_string(sid)));
        }
        out.push_str(&format!(
            "\"Effect\":\"Allow\",\"Action\":{},\"Resource\":{}",
            json_strings(&self.actions),
            json_string(&self.resource)
        ));
        if !self.string_equals.is_empty() {
            let conditions = self
                .string_equals
                .iter()
                .map(|(key, values)| format!("{}:{}", json_string(key), json_strings(values)))
                .collect::<Vec<_>>()
                .join(",");
            out.push_str(&format!(
                ",\"Condition\":{{\"StringEquals\":{{{conditions}}}}}"
            ));
        }
        out.push('}');
        out
    }
}

/// Whether the error is a refusal an IAM policy can lift (not a bad signature or unknown key,
/// which no policy fixes).
fn is_policy_denial(err: &Error) -> bool {
    match err.kind() {
        ErrorKind::Fault(FaultCode::OperationNotPermitted) => true,
        ErrorKind::AccessDenied { code: None } => true,
        ErrorKind::AccessDenied { code: Some(code) } => {
            matches!(
                code.as_str(),
                "AccessDeniedException" | "AccessDenied" | "NotAuthorized"
            )
        }
        _ => false,
    }
}

/// The first SWF domain ARN in `text` (AWS's denials say `... on resource:
/// arn:aws:swf:us-east-1:123456789012:/domain/orders ...`), which carries the account id.
fn arn_in(text: &str) -> Option<&str> {
    text.match_indices("arn:aws").find_map(|(start, _)| {
        let rest = &text[start..];
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | ';' | '<' | ')'))
            .unwrap_or(rest.len());
        let arn = &rest[..end];
        (arn.contains(":swf:") && arn.contains(":/domain/")).then_some(arn)
    })
}

/// The condition keys SWF evaluates for `operation`, with the request member each one reads.
fn condition_keys(operation: &str) -> &'static [(&'static str, &'static [&'static str])] {
    match operation {
        "PollForActivityTask" | "PollForDecisionTask" => {
            &[("swf:taskList.name", &["taskList", "name"])]
        }
        "RegisterActivityType" | "RegisterWorkflowType" => &[
            ("swf:name", &["name"]),
            ("swf:version", &["version"]),
            ("swf:defaultTaskList.name", &["defaultTaskList", "name"]),
        ],
        "DescribeActivityType" | "DeprecateActivityType" | "UndeprecateActivityType" => &[
            ("swf:activityType.name", &["activityType", "name"]),
            ("swf:activityType.version", &["activityType", "version"]),
        ],
        _ => &[],
    }
}

/// What was denied, as far as the request and the answer tell. It is kept on the error, so a
/// caller that knows more than the request said can complete the hint: answers and heartbeats
/// name a task token, not a domain, but the worker knows which domain its tasks come from
/// ([`Error::with_domain_hint`]).
#[derive(Debug, Clone)]
pub(crate) struct Denial {
    operation: &'static str,
    region: String,
    /// The domain's ARN as AWS's answer names it (with the account id).
    said: Option<String>,
    /// The domain the request named, or the caller knew.
    domain: Option<String>,
    /// `StringEquals` conditions from the request's members.
    conditions: Vec<(&'static str, String)>,
}

impl Denial {
    /// The resource that was denied: the domain's ARN.
    fn resource(&self) -> String {
        match (&self.said, &self.domain) {
            // AWS's own wording names the account; the request's domain wins if they differ.
            (Some(arn), Some(domain)) if arn.ends_with(&format!(":/domain/{domain}")) => {
                arn.clone()
            }
            (_, Some(domain)) => domain_arn(&self.region, "*", domain),
            (Some(arn), None) => arn.clone(),
            // Nothing names the domain: allow the action on any domain of the region.
            (None, None) => domain_arn(&self.region, "*", "*"),
        }
    }

    /// `not permitted: swf:ACTION on RESOURCE; allow it with {STATEMENT}`.
    pub(crate) fn hint(&self) -> String {
        let resource = self.resource();
        let mut statement = Statement::new(&[self.operation], resource.clone());
        for (key, value) in self.conditions.iter().cloned() {
            statement = statement.condition(key, vec![value]);
        }
        format!(
            "not permitted: swf:{} on {resource}; allow it with {}",
            self.operation,
            statement.to_json()
        )
    }

    /// Names `domain` as the denied resource when neither the request nor the answer named
    /// one; whether it did.
    pub(crate) fn complete_domain(&mut self, domain: &str) -> bool {
        if self.said.is_some() || self.domain.is_some() {
            return false;
        }
        self.domain = Some(domain.to_owned());
        true
    }
}

/// Adds to a denial a hint with what was denied and the statement that would allow it; other
/// errors are returned unchanged. `body` is the request as sent (its `domain` names the resource).
pub(crate) fn explain(err: Error, operation: &'static str, body: &[u8], region: &str) -> Error {
    if !is_policy_denial(&err) {
        return err;
    }
    let request: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let member = |path: &[&str]| {
        path.iter()
            .try_fold(&request, |v, key| v.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let denial = Denial {
        operation,
        region: region.to_owned(),
        said: arn_in(err.message()).map(str::to_owned),
        domain: member(&["domain"]),
        conditions: condition_keys(operation)
            .iter()
            .filter_map(|(key, path)| Some((*key, member(path)?)))
            .collect(),
    };
    err.with_denial(denial)
}

/// Takes the secret access key and the session token out of `message`: AWS's answers to a bad
/// signature quote the canonical request, session token header included.
pub(crate) fn redact(message: String, credentials: &AwsCredentials) -> String {
    let mut message = message;
    let secrets = [
        Some(credentials.secret_access_key()),
        credentials.session_token(),
    ];
    for secret in secrets.into_iter().flatten() {
        // Short values would redact ordinary words; real keys and tokens are long.
        if secret.len() >= 8 && message.contains(secret) {
            message = message.replace(secret, REDACTED);
        }
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn denied(code: Option<&str>, message: &str) -> Error {
        match code {
            Some("OperationNotPermittedFault") => {
                Error::new(ErrorKind::Fault(FaultCode::OperationNotPermitted), message)
            }
            code => Error::new(
                ErrorKind::AccessDenied {
                    code: code.map(str::to_owned),
                },
                message,
            ),
        }
    }

    #[test]
    fn denials_name_action_resource_and_statement() {
        let err = explain(
            denied(Some("OperationNotPermittedFault"), ""),
            "PollForActivityTask",
            br#"{"domain":"orders","taskList":{"name":"payments"}}"#,
            "us-east-1",
        );
        assert_eq!(
            err.hint().expect("hint"),
            r#"not permitted: swf:PollForActivityTask on arn:aws:swf:us-east-1:*:/domain/orders; allow it with {"Effect":"Allow","Action":"swf:PollForActivityTask","Resource":"arn:aws:swf:us-east-1:*:/domain/orders","Condition":{"StringEquals":{"swf:taskList.name":"payments"}}}"#
        );
        assert!(err.is_fault(FaultCode::OperationNotPermitted));

        let said = "User: arn:aws:sts::123456789012:assumed-role/w/i-1 is not authorized to perform: swf:RespondActivityTaskFailed on resource: arn:aws-cn:swf:cn-north-1:123456789012:/domain/orders because no identity-based policy allows it";
        let err = explain(
            denied(Some("AccessDeniedException"), said),
            "RespondActivityTaskFailed",
            br#"{"taskToken":"t"}"#,
            "cn-north-1",
        );
        assert_eq!(
            err.hint().expect("hint"),
            r#"not permitted: swf:RespondActivityTaskFailed on arn:aws-cn:swf:cn-north-1:123456789012:/domain/orders; allow it with {"Effect":"Allow","Action":"swf:RespondActivityTaskFailed","Resource":"arn:aws-cn:swf:cn-north-1:123456789012:/domain/orders"}"#
        );
        assert_eq!(err.message(), said, "SWF's own message is kept");
        assert!(err.to_string().ends_with(&format!("; SWF said: {said}")));

        // Nothing names the domain.
        let err = explain(
            denied(None, "Forbidden"),
            "RecordActivityTaskHeartbeat",
            b"",
            "eu-west-1",
        );
        let hint = err.hint().expect("hint");
        assert!(
            hint.contains("on arn:aws:swf:eu-west-1:*:/domain/*;"),
            "{hint}"
        );
    }

    #[test]
    fn a_known_domain_completes_a_hint_that_named_none() {
        let hint = |err: &Error| err.hint().expect("hint").to_owned();
        // Answers name a task token only; the worker knows the domain.
        let err = explain(
            denied(Some("OperationNotPermittedFault"), ""),
            "RecordActivityTaskHeartbeat",
            br#"{"taskToken":"t"}"#,
            "eu-west-1",
        )
        .with_domain_hint("orders");
        assert_eq!(
            hint(&err),
            r#"not permitted: swf:RecordActivityTaskHeartbeat on arn:aws:swf:eu-west-1:*:/domain/orders; allow it with {"Effect":"Allow","Action":"swf:RecordActivityTaskHeartbeat","Resource":"arn:aws:swf:eu-west-1:*:/domain/orders"}"#
        );
        // What the request or AWS's answer named stays.
        let err = explain(
            denied(Some("OperationNotPermittedFault"), ""),
            "PollForActivityTask",
            br#"{"domain":"billing","taskList":{"name":"p"}}"#,
            "eu-west-1",
        );
        let before = hint(&err);
        assert_eq!(hint(&err.with_domain_hint("orders")), before);
        let said = "not authorized to perform: swf:RespondActivityTaskFailed on resource: arn:aws:swf:eu-west-1:123456789012:/domain/billing";
        let err = explain(
            denied(Some("AccessDeniedException"), said),
            "RespondActivityTaskFailed",
            br#"{"taskToken":"t"}"#,
            "eu-west-1",
        )
        .with_domain_hint("orders");
        assert!(
            hint(&err).contains(" on arn:aws:swf:eu-west-1:123456789012:/domain/billing;"),
            "{}",
            hint(&err)
        );
        // Not a denial: nothing to complete.
        let err = Error::new(ErrorKind::Fault(FaultCode::UnknownResource), "gone")
            .with_domain_hint("orders");
        assert_eq!(err.hint(), None);
    }

    #[test]
    fn signature_errors_and_other_faults_are_left_alone() {
        for err in [
            denied(Some("InvalidSignatureException"), "bad"),
            denied(Some("UnrecognizedClientException"), "bad"),
            Error::new(ErrorKind::Fault(FaultCode::UnknownResource), "bad"),
        ] {
            let kind = err.kind().clone();
            let err = explain(
                err,
                "PollForActivityTask",
                br#"{"domain":"d"}"#,
                "us-east-1",
            );
            assert_eq!(err.message(), "bad");
            assert_eq!(err.hint(), None);
            assert_eq!(err.kind(), &kind);
        }
    }

    #[test]
    fn registration_conditions() {
        let err = explain(
            denied(Some("OperationNotPermittedFault"), "no"),
            "RegisterActivityType",
            br#"{"domain":"d","name":"Charge","version":"1","defaultTaskList":{"name":"p"}}"#,
            "us-west-2",
        );
        let hint = err.hint().expect("hint");
        assert!(
            hint.contains(
                r#""Condition":{"StringEquals":{"swf:name":"Charge","swf:version":"1","swf:defaultTaskList.name":"p"}}"#
            ),
            "{hint}"
        );
    }

    #[test]
    fn secrets_are_redacted() {
        let keys = AwsCredentials::new(
            "AKID",
            "secret-key-123",
            Some("token-abcdef".into()),
            None,
            "t",
        );
        assert_eq!(
            redact(
                "x-amz-security-token:token-abcdef\nkey secret-key-123".into(),
                &keys
            ),
            "x-amz-security-token:** redacted **\nkey ** redacted **"
        );
    }

    #[test]
    fn domain_arns_name_the_partition() {
        for (region, partition) in [
            ("us-east-1", "aws"),
            ("cn-northwest-1", "aws-cn"),
            ("us-gov-west-1", "aws-us-gov"),
            ("us-iso-east-1", "aws-iso"),
            ("us-isob-east-1", "aws-iso-b"),
            ("eu-isoe-west-1", "aws-iso-e"),
            ("us-isof-south-1", "aws-iso-f"),
            ("eusc-de-east-1", "aws-eusc"),
        ] {
            assert_eq!(
                domain_arn(region, "123456789012", "orders"),
                format!("arn:{partition}:swf:{region}:123456789012:/domain/orders")
            );
        }
    }
}
