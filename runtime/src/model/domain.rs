//! Registering and describing domains.

use serde::{Deserialize, Serialize};

use super::RegistrationStatus;

/// `RegisterDomain`: creates a domain, the namespace for types, task lists and executions.
/// SWF answers `DomainAlreadyExistsFault` if the name is taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RegisterDomain {
    /// The domain's name (SWF Name rules, at most 256 characters).
    pub name: String,
    /// A description, at most 1024 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How many days SWF keeps the history of closed executions (at most 90), as a string.
    pub workflow_execution_retention_period_in_days: String,
    /// Tags for the domain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<ResourceTag>>,
}

impl RegisterDomain {
    /// Registers domain `name`, keeping closed executions for `retention_days` days.
    pub fn new(name: impl Into<String>, retention_days: impl Into<String>) -> RegisterDomain {
        RegisterDomain {
            name: name.into(),
            description: None,
            workflow_execution_retention_period_in_days: retention_days.into(),
            tags: None,
        }
    }
}

setters!(RegisterDomain {
    /// Sets the description.
    description: String,
    /// Sets the tags.
    tags: Vec<ResourceTag>,
});

/// A tag on a domain (`ResourceTag`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ResourceTag {
    /// The key, 1 to 128 characters.
    pub key: String,
    /// The value, at most 256 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

impl ResourceTag {
    /// A tag `key` without a value.
    pub fn new(key: impl Into<String>) -> ResourceTag {
        ResourceTag {
            key: key.into(),
            value: None,
        }
    }
}

setters!(ResourceTag {
    /// Sets the value.
    value: String,
});

/// `DescribeDomain`: reads a domain's status and configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DescribeDomain {
    /// The domain's name.
    pub name: String,
}

impl DescribeDomain {
    /// Describes domain `name`.
    pub fn new(name: impl Into<String>) -> DescribeDomain {
        DescribeDomain { name: name.into() }
    }
}

/// The answer to `DescribeDomain` (`DomainDetail`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DomainDetail {
    /// The domain's name, status, description and ARN.
    pub domain_info: DomainInfo,
    /// The domain's configuration.
    pub configuration: DomainConfiguration,
}

impl DomainDetail {
    /// A detail with both parts.
    pub fn new(domain_info: DomainInfo, configuration: DomainConfiguration) -> DomainDetail {
        DomainDetail {
            domain_info,
            configuration,
        }
    }
}

/// A domain's name, status, description and ARN (`DomainInfo`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DomainInfo {
    /// The domain's name.
    pub name: String,
    /// Whether the domain can still be used for new types and executions.
    pub status: RegistrationStatus,
    /// The description given at registration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The domain's ARN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
}

impl DomainInfo {
    /// Information with the required members.
    pub fn new(name: impl Into<String>, status: RegistrationStatus) -> DomainInfo {
        DomainInfo {
            name: name.into(),
            status,
            description: None,
            arn: None,
        }
    }
}

setters!(DomainInfo {
    /// Sets the description.
    description: String,
    /// Sets the ARN.
    arn: String,
});

/// A domain's configuration (`DomainConfiguration`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DomainConfiguration {
    /// How many days SWF keeps the history of closed executions, as a string.
    pub workflow_execution_retention_period_in_days: String,
}

impl DomainConfiguration {
    /// A configuration keeping closed executions for `retention_days` days.
    pub fn new(retention_days: impl Into<String>) -> DomainConfiguration {
        DomainConfiguration {
            workflow_execution_retention_period_in_days: retention_days.into(),
        }
    }
}

/// `DeprecateDomain`: stops new executions and type registrations in a domain; running
/// executions continue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DeprecateDomain {
    /// The domain's name.
    pub name: String,
}

impl DeprecateDomain {
    /// Deprecates domain `name`.
    pub fn new(name: impl Into<String>) -> DeprecateDomain {
        DeprecateDomain { name: name.into() }
    }
}

/// `UndeprecateDomain`: makes a deprecated domain usable again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UndeprecateDomain {
    /// The domain's name.
    pub name: String,
}

impl UndeprecateDomain {
    /// Undeprecates domain `name`.
    pub fn new(name: impl Into<String>) -> UndeprecateDomain {
        UndeprecateDomain { name: name.into() }
    }
}

/// `ListDomains`: one page of the account's domains with a given status, ordered by name. Pass
/// the answer's `nextPageToken` back for the next page, or use
/// [`Client::list_domains_all`](crate::Client::list_domains_all).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListDomains {
    /// The token from the previous page's answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
    /// Only domains with this status.
    pub registration_status: RegistrationStatus,
    /// At most this many domains per page (0 to 1000; 0 or absent means 1000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_page_size: Option<i32>,
    /// Whether to list in descending order of name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reverse_order: Option<bool>,
}

impl ListDomains {
    /// Lists the domains with status `registration_status`.
    pub fn new(registration_status: RegistrationStatus) -> ListDomains {
        ListDomains {
            next_page_token: None,
            registration_status,
            maximum_page_size: None,
            reverse_order: None,
        }
    }
}

setters!(ListDomains {
    /// Asks for the page after the one that returned this token.
    next_page_token: String,
    /// Sets the page size (0 to 1000).
    maximum_page_size: i32,
    /// Lists in descending order of name.
    reverse_order: bool,
});

/// One page of `ListDomains` (`DomainInfos`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DomainInfos {
    /// The domains on this page.
    pub domain_infos: Vec<DomainInfo>,
    /// The token for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
}

impl DomainInfos {
    /// A page with `domain_infos` and no next page.
    pub fn new(domain_infos: Vec<DomainInfo>) -> DomainInfos {
        DomainInfos {
            domain_infos,
            next_page_token: None,
        }
    }
}

setters!(DomainInfos {
    /// Sets the token for the next page.
    next_page_token: String,
});
