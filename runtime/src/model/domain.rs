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
