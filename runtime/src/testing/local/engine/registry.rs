//! Domains, workflow and activity types, and domains' tags: what registers, describes, lists,
//! deprecates, undeprecates and deletes them.
//!
//! As SWF does, a deprecated domain deprecates every type in it, takes no new types or
//! executions (answered `UnknownResourceFault`: the domain is "no longer available for this
//! operation", as SWF's fault says; none of those operations models `DomainDeprecatedFault`), and
//! still answers the visibility operations
//! (<https://docs.aws.amazon.com/amazonswf/latest/apireference/API_DeprecateDomain.html>).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::{Domain, State, TypeRecord, page, page_token, paging, parse_page_token, type_name};
use crate::error::FaultCode;
use crate::testing::local::wire::{SwfError, now_secs, object, opt, str_at, value_at};

/// SWF keeps at most this many tags on a domain
/// (<https://docs.aws.amazon.com/amazonswf/latest/apireference/API_TagResource.html>).
const DOMAIN_TAGS_MAX: usize = 50;

/// The defaults `RegisterActivityType` registers, as their JSON members.
const ACTIVITY_DEFAULTS: &[&str] = &[
    "defaultTaskStartToCloseTimeout",
    "defaultTaskHeartbeatTimeout",
    "defaultTaskList",
    "defaultTaskPriority",
    "defaultTaskScheduleToStartTimeout",
    "defaultTaskScheduleToCloseTimeout",
];

/// The defaults `RegisterWorkflowType` registers, as their JSON members.
const WORKFLOW_DEFAULTS: &[&str] = &[
    "defaultTaskStartToCloseTimeout",
    "defaultExecutionStartToCloseTimeout",
    "defaultTaskList",
    "defaultTaskPriority",
    "defaultChildPolicy",
    "defaultLambdaRole",
];

/// Activity or workflow types: how requests and answers name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TypeKind {
    Activity,
    Workflow,
}

impl TypeKind {
    /// The member that names a type in requests and in `typeInfo`.
    fn member(self) -> &'static str {
        match self {
            TypeKind::Activity => "activityType",
            TypeKind::Workflow => "workflowType",
        }
    }

    /// How SWF's messages name a type of this kind.
    fn label(self) -> &'static str {
        match self {
            TypeKind::Activity => "ActivityType",
            TypeKind::Workflow => "WorkflowType",
        }
    }

    fn types(self, domain: &Domain) -> &BTreeMap<(String, String), TypeRecord> {
        match self {
            TypeKind::Activity => &domain.activity_types,
            TypeKind::Workflow => &domain.workflow_types,
        }
    }

    fn types_mut(self, domain: &mut Domain) -> &mut BTreeMap<(String, String), TypeRecord> {
        match self {
            TypeKind::Activity => &mut domain.activity_types,
            TypeKind::Workflow => &mut domain.workflow_types,
        }
    }
}

fn text(body: &Value, path: &[&str]) -> String {
    str_at(body, path).unwrap_or_default().to_owned()
}

/// The domain a request names, for operations a deprecated domain refuses.
fn active_domain<'a>(st: &'a mut State, name: &str) -> Result<&'a mut Domain, SwfError> {
    let domain = st.domain_mut(name)?;
    if domain.deprecated {
        return Err(SwfError::unknown_resource(format!(
            "Domain is deprecated: {name}"
        )));
    }
    Ok(domain)
}

/// Refuses a new execution in a deprecated domain.
pub(super) fn check_domain_active(st: &mut State, body: &Value) -> Result<(), SwfError> {
    active_domain(st, &text(body, &["domain"])).map(drop)
}

/// The tags of a request (`RegisterDomain`'s or `TagResource`'s `tags`), in order.
fn request_tags(body: &Value) -> Vec<(String, Option<String>)> {
    body.get("tags")
        .and_then(Value::as_array)
        .map(|tags| {
            tags.iter()
                .filter_map(|t| {
                    let key = str_at(t, &["key"])?.to_owned();
                    Some((key, str_at(t, &["value"]).map(str::to_owned)))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Adds tags, replacing the values of keys already there; `TooManyTagsFault` (and no change)
/// when the domain would hold more than SWF allows.
fn merge_tags(
    held: &[(String, Option<String>)],
    added: Vec<(String, Option<String>)>,
) -> Result<Vec<(String, Option<String>)>, SwfError> {
    let mut merged = held.to_vec();
    for (key, value) in added {
        match merged.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => merged.push((key, value)),
        }
    }
    if merged.len() > DOMAIN_TAGS_MAX {
        return Err(SwfError::fault(
            FaultCode::TooManyTags,
            format!("A domain can have at most {DOMAIN_TAGS_MAX} tags"),
        ));
    }
    Ok(merged)
}

/// `RegisterDomain`: a new domain, with its tags.
pub(super) fn register_domain(
    st: &mut State,
    body: &Value,
    region: &str,
) -> Result<Option<Value>, SwfError> {
    let name = text(body, &["name"]);
    // SWF refuses the name of a deprecated domain too.
    if st.domains.contains_key(&name) {
        return Err(SwfError::fault(FaultCode::DomainAlreadyExists, name));
    }
    let tags = merge_tags(&[], request_tags(body))?;
    let arn = format!("arn:aws:swf:{region}:000000000000:/domain/{name}");
    st.domains.insert(
        name,
        Domain {
            description: str_at(body, &["description"]).map(str::to_owned),
            retention_days: text(body, &["workflowExecutionRetentionPeriodInDays"]),
            arn,
            deprecated: false,
            tags,
            activity_types: BTreeMap::new(),
            workflow_types: BTreeMap::new(),
        },
    );
    Ok(None)
}

fn domain_info(name: &str, d: &Domain) -> Value {
    object([
        ("name", json!(name)),
        (
            "status",
            json!(if d.deprecated {
                "DEPRECATED"
            } else {
                "REGISTERED"
            }),
        ),
        ("description", opt(d.description.as_deref())),
        ("arn", json!(d.arn)),
    ])
}

/// `DescribeDomain`: the domain's information and retention period.
pub(super) fn describe_domain(st: &State, body: &Value) -> Result<Option<Value>, SwfError> {
    let name = text(body, &["name"]);
    let d = st.domain(&name)?;
    Ok(Some(json!({
        "domainInfo": domain_info(&name, d),
        "configuration": {"workflowExecutionRetentionPeriodInDays": d.retention_days},
    })))
}

/// `DeprecateDomain`: deprecates the domain and every type in it; executions keep running.
pub(super) fn deprecate_domain(st: &mut State, body: &Value) -> Result<Option<Value>, SwfError> {
    let name = text(body, &["name"]);
    let domain = st.domain_mut(&name)?;
    if domain.deprecated {
        return Err(SwfError::fault(FaultCode::DomainDeprecated, name));
    }
    domain.deprecated = true;
    let now = now_secs();
    for ty in domain
        .activity_types
        .values_mut()
        .chain(domain.workflow_types.values_mut())
    {
        if !ty.deprecated {
            ty.deprecated = true;
            ty.deprecation_date = Some(now);
        }
    }
    Ok(None)
}

/// `UndeprecateDomain`: the domain takes new types and executions again. Its types stay
/// deprecated (SWF documents no more), each undeprecated on its own.
pub(super) fn undeprecate_domain(st: &mut State, body: &Value) -> Result<Option<Value>, SwfError> {
    let name = text(body, &["name"]);
    let domain = st.domain_mut(&name)?;
    if !domain.deprecated {
        return Err(SwfError::fault(FaultCode::DomainAlreadyExists, name));
    }
    domain.deprecated = false;
    Ok(None)
}

/// `ListDomains`: one page of the domains with the status asked for, by name.
pub(super) fn list_domains(st: &State, body: &Value) -> Result<Option<Value>, SwfError> {
    let deprecated = text(body, &["registrationStatus"]) == "DEPRECATED";
    let infos: Vec<Value> = st
        .domains
        .iter()
        .filter(|(_, d)| d.deprecated == deprecated)
        .map(|(name, d)| domain_info(name, d))
        .collect();
    paged(body, "domainInfos", &infos)
}

/// One page of `items` under `key`, from the request's `nextPageToken`.
fn paged(body: &Value, key: &str, items: &[Value]) -> Result<Option<Value>, SwfError> {
    let offset = match str_at(body, &["nextPageToken"]) {
        Some(t) => parse_page_token(t)?,
        None => 0,
    };
    let (items, next) = page(items, offset, paging(body));
    Ok(Some(object([
        (key, Value::Array(items)),
        (
            "nextPageToken",
            next.map_or(Value::Null, |n| json!(page_token(n))),
        ),
    ])))
}

/// `RegisterActivityType` and `RegisterWorkflowType`: a new type with its defaults.
pub(super) fn register_type(
    st: &mut State,
    kind: TypeKind,
    body: &Value,
) -> Result<Option<Value>, SwfError> {
    let (name, version) = (text(body, &["name"]), text(body, &["version"]));
    let domain = active_domain(st, &text(body, &["domain"]))?;
    let defaults = match kind {
        TypeKind::Activity => ACTIVITY_DEFAULTS,
        TypeKind::Workflow => WORKFLOW_DEFAULTS,
    };
    let types = kind.types_mut(domain);
    let key = (name, version);
    if types.contains_key(&key) {
        return Err(SwfError::fault(
            FaultCode::TypeAlreadyExists,
            type_name(kind.label(), &key.0, &key.1),
        ));
    }
    types.insert(key, TypeRecord::new(body, defaults));
    Ok(None)
}

/// The name and version a request names its type by (`activityType` or `workflowType`).
fn type_key(kind: TypeKind, body: &Value) -> (String, String) {
    (
        text(body, &[kind.member(), "name"]),
        text(body, &[kind.member(), "version"]),
    )
}

fn unknown_type(kind: TypeKind, (name, version): &(String, String)) -> SwfError {
    SwfError::unknown_resource(format!(
        "Unknown type: {}",
        type_name(kind.label(), name, version)
    ))
}

/// The type a request names, in a domain that may be deprecated.
fn find_type<'a>(
    st: &'a mut State,
    kind: TypeKind,
    body: &Value,
) -> Result<(&'a mut TypeRecord, (String, String)), SwfError> {
    let key = type_key(kind, body);
    let domain = st.domain_mut(&text(body, &["domain"]))?;
    match kind.types_mut(domain).get_mut(&key) {
        Some(ty) => Ok((ty, key)),
        None => Err(unknown_type(kind, &key)),
    }
}

/// `DescribeActivityType` and `DescribeWorkflowType`: the type's information and registered
/// defaults.
pub(super) fn describe_type(
    st: &mut State,
    kind: TypeKind,
    body: &Value,
) -> Result<Option<Value>, SwfError> {
    let (ty, (name, version)) = find_type(st, kind, body)?;
    Ok(Some(json!({
        "typeInfo": ty.info(kind.member(), &name, &version),
        "configuration": Value::Object(ty.config.clone()),
    })))
}

/// `DeprecateActivityType` and `DeprecateWorkflowType`: no new tasks or executions of the type;
/// `TypeDeprecatedFault` when it is already.
pub(super) fn deprecate_type(
    st: &mut State,
    kind: TypeKind,
    body: &Value,
) -> Result<Option<Value>, SwfError> {
    let (ty, (name, version)) = find_type(st, kind, body)?;
    if ty.deprecated {
        return Err(SwfError::fault(
            FaultCode::TypeDeprecated,
            type_name(kind.label(), &name, &version),
        ));
    }
    ty.deprecated = true;
    ty.deprecation_date = Some(now_secs());
    Ok(None)
}

/// `UndeprecateActivityType` and `UndeprecateWorkflowType`: the type is usable again;
/// `TypeAlreadyExistsFault` when it is not deprecated, as SWF answers
/// (<https://docs.aws.amazon.com/amazonswf/latest/apireference/API_UndeprecateActivityType.html>).
pub(super) fn undeprecate_type(
    st: &mut State,
    kind: TypeKind,
    body: &Value,
) -> Result<Option<Value>, SwfError> {
    active_domain(st, &text(body, &["domain"]))?;
    let (ty, (name, version)) = find_type(st, kind, body)?;
    if !ty.deprecated {
        return Err(SwfError::fault(
            FaultCode::TypeAlreadyExists,
            type_name(kind.label(), &name, &version),
        ));
    }
    ty.deprecated = false;
    ty.deprecation_date = None;
    Ok(None)
}

/// `DeleteActivityType` and `DeleteWorkflowType`: a deprecated type disappears (tasks and
/// executions of it keep running); `TypeNotDeprecatedFault` for one still registered.
pub(super) fn delete_type(
    st: &mut State,
    kind: TypeKind,
    body: &Value,
) -> Result<Option<Value>, SwfError> {
    let (ty, key) = find_type(st, kind, body)?;
    if !ty.deprecated {
        return Err(SwfError::fault(
            FaultCode::TypeNotDeprecated,
            type_name(kind.label(), &key.0, &key.1),
        ));
    }
    let domain = st.domain_mut(&text(body, &["domain"]))?;
    kind.types_mut(domain).remove(&key);
    Ok(None)
}

/// `ListActivityTypes` and `ListWorkflowTypes`: one page of the domain's types with the status
/// asked for (and the name, if given), by name and version.
pub(super) fn list_types(
    st: &State,
    kind: TypeKind,
    body: &Value,
) -> Result<Option<Value>, SwfError> {
    let domain = st.domain(&text(body, &["domain"]))?;
    let deprecated = text(body, &["registrationStatus"]) == "DEPRECATED";
    let only = str_at(body, &["name"]);
    let infos: Vec<Value> = kind
        .types(domain)
        .iter()
        .filter(|((n, _), t)| t.deprecated == deprecated && only.is_none_or(|o| o == n))
        .map(|((n, v), t)| t.info(kind.member(), n, v))
        .collect();
    paged(body, "typeInfos", &infos)
}

/// The domain whose ARN a tag request names.
fn domain_by_arn<'a>(st: &'a mut State, body: &Value) -> Result<&'a mut Domain, SwfError> {
    let arn = text(body, &["resourceArn"]);
    st.domains
        .values_mut()
        .find(|d| d.arn == arn)
        .ok_or_else(|| SwfError::unknown_resource(format!("Unknown resource: {arn}")))
}

/// `TagResource`: adds tags to a domain, replacing the values of keys it has.
pub(super) fn tag_resource(st: &mut State, body: &Value) -> Result<Option<Value>, SwfError> {
    let domain = domain_by_arn(st, body)?;
    domain.tags = merge_tags(&domain.tags, request_tags(body))?;
    Ok(None)
}

/// `UntagResource`: removes a domain's tags by key; keys it does not have are ignored.
pub(super) fn untag_resource(st: &mut State, body: &Value) -> Result<Option<Value>, SwfError> {
    let domain = domain_by_arn(st, body)?;
    let keys: Vec<&str> = value_at(body, &["tagKeys"])
        .and_then(Value::as_array)
        .map(|keys| keys.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    domain.tags.retain(|(k, _)| !keys.contains(&k.as_str()));
    Ok(None)
}

/// `ListTagsForResource`: a domain's tags, in the order they were added.
pub(super) fn list_tags(st: &mut State, body: &Value) -> Result<Option<Value>, SwfError> {
    let domain = domain_by_arn(st, body)?;
    let tags: Vec<Value> = domain
        .tags
        .iter()
        .map(|(key, value)| {
            let mut tag = Map::new();
            tag.insert("key".to_owned(), json!(key));
            if let Some(value) = value {
                tag.insert("value".to_owned(), json!(value));
            }
            Value::Object(tag)
        })
        .collect();
    Ok(Some(json!({ "tags": tags })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(n: usize) -> Vec<(String, Option<String>)> {
        (0..n).map(|i| (format!("k{i}"), None)).collect()
    }

    #[test]
    fn tags_merge_by_key_up_to_the_limit() {
        let merged = merge_tags(
            &[("a".into(), Some("1".into()))],
            vec![("a".into(), Some("2".into())), ("b".into(), None)],
        )
        .expect("within the limit");
        assert_eq!(
            merged,
            vec![("a".into(), Some("2".into())), ("b".into(), None)]
        );
        assert!(merge_tags(&tags(DOMAIN_TAGS_MAX), tags(DOMAIN_TAGS_MAX)).is_ok());
        let err = merge_tags(&tags(DOMAIN_TAGS_MAX), vec![("new".into(), None)])
            .expect_err("over the limit");
        assert_eq!(err.code(), "TooManyTagsFault");
    }
}
