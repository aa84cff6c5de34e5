//! Tags on domains, by ARN: `TagResource`, `UntagResource`, `ListTagsForResource`.

use serde::{Deserialize, Serialize};

use super::ResourceTag;

/// `TagResource`: adds tags to a domain (replacing the values of keys it has).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TagResource {
    /// The domain's ARN (at most 1600 characters).
    pub resource_arn: String,
    /// The tags to add.
    pub tags: Vec<ResourceTag>,
}

impl TagResource {
    /// Adds `tags` to the domain `resource_arn`.
    pub fn new(resource_arn: impl Into<String>, tags: Vec<ResourceTag>) -> TagResource {
        TagResource {
            resource_arn: resource_arn.into(),
            tags,
        }
    }
}

/// `UntagResource`: removes tags from a domain by key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UntagResource {
    /// The domain's ARN (at most 1600 characters).
    pub resource_arn: String,
    /// The keys of the tags to remove.
    pub tag_keys: Vec<String>,
}

impl UntagResource {
    /// Removes the tags with `tag_keys` from the domain `resource_arn`.
    pub fn new(resource_arn: impl Into<String>, tag_keys: Vec<String>) -> UntagResource {
        UntagResource {
            resource_arn: resource_arn.into(),
            tag_keys,
        }
    }
}

/// `ListTagsForResource`: reads a domain's tags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListTagsForResource {
    /// The domain's ARN (at most 1600 characters).
    pub resource_arn: String,
}

impl ListTagsForResource {
    /// Lists the tags of the domain `resource_arn`.
    pub fn new(resource_arn: impl Into<String>) -> ListTagsForResource {
        ListTagsForResource {
            resource_arn: resource_arn.into(),
        }
    }
}

/// The answer to `ListTagsForResource` (`ListTagsForResourceOutput`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListTagsForResourceOutput {
    /// The domain's tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<ResourceTag>>,
}

impl ListTagsForResourceOutput {
    /// An answer with `tags`.
    pub fn new(tags: Vec<ResourceTag>) -> ListTagsForResourceOutput {
        ListTagsForResourceOutput { tags: Some(tags) }
    }
}
