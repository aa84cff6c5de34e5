//! Domains (deprecate, undeprecate, list) and their tags.

use swf_activity_rules::{
    self as rules, ARN_MAX, NameKind, RESOURCE_TAG_KEY_MAX, RESOURCE_TAG_VALUE_MAX,
};

use super::{Check, Client, Operation};
use crate::Error;
use crate::model::{
    DeprecateDomain, DomainInfo, DomainInfos, ListDomains, ListTagsForResource,
    ListTagsForResourceOutput, ResourceTag, TagResource, UndeprecateDomain, UntagResource,
};

impl Client {
    /// `DeprecateDomain`: stops new executions and registrations in a domain.
    pub async fn deprecate_domain(&self, request: &DeprecateDomain) -> Result<(), Error> {
        self.send(request).await
    }

    /// `UndeprecateDomain`: makes a deprecated domain usable again.
    pub async fn undeprecate_domain(&self, request: &UndeprecateDomain) -> Result<(), Error> {
        self.send(request).await
    }

    /// `ListDomains`: one page of the account's domains with the given status.
    pub async fn list_domains(&self, request: &ListDomains) -> Result<DomainInfos, Error> {
        self.send(request).await
    }

    /// Every domain `ListDomains` lists, following `nextPageToken` from the request's token
    /// (usually none) to the last page.
    pub async fn list_domains_all(&self, request: &ListDomains) -> Result<Vec<DomainInfo>, Error> {
        self.collect_pages(
            request,
            |page: DomainInfos| (page.domain_infos, page.next_page_token),
            |request, token| request.next_page_token = Some(token),
        )
        .await
    }

    /// `TagResource`: adds tags to a domain, by its ARN.
    pub async fn tag_resource(&self, request: &TagResource) -> Result<(), Error> {
        self.send(request).await
    }

    /// `UntagResource`: removes tags from a domain, by key.
    pub async fn untag_resource(&self, request: &UntagResource) -> Result<(), Error> {
        self.send(request).await
    }

    /// `ListTagsForResource`: reads a domain's tags.
    pub async fn list_tags_for_resource(
        &self,
        request: &ListTagsForResource,
    ) -> Result<ListTagsForResourceOutput, Error> {
        self.send(request).await
    }
}

impl Check {
    /// Resource tags: a key of 1 to 128 characters, a value of at most 256.
    pub(super) fn resource_tags(&self, member: &str, tags: &[ResourceTag]) -> Result<(), Error> {
        for (i, tag) in tags.iter().enumerate() {
            self.at(
                &format!("{member}[{i}].key"),
                rules::check_required("tag key", &tag.key, RESOURCE_TAG_KEY_MAX),
            )?;
            self.max(
                &format!("{member}[{i}].value"),
                "tag value",
                &tag.value,
                RESOURCE_TAG_VALUE_MAX,
            )?;
        }
        Ok(())
    }

    fn resource_arn(&self, arn: &str) -> Result<(), Error> {
        self.at(
            "resourceArn",
            rules::check_required("resourceArn", arn, ARN_MAX),
        )
    }
}

impl Operation for DeprecateDomain {
    const NAME: &'static str = "DeprecateDomain";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        Check::new(Self::NAME).name("name", NameKind::Domain, &self.name)
    }
}

impl Operation for UndeprecateDomain {
    const NAME: &'static str = "UndeprecateDomain";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        Check::new(Self::NAME).name("name", NameKind::Domain, &self.name)
    }
}

impl Operation for ListDomains {
    const NAME: &'static str = "ListDomains";
    type Output = DomainInfos;

    fn validate(&self) -> Result<(), Error> {
        Check::new(Self::NAME).page(&self.next_page_token, self.maximum_page_size)
    }
}

impl Operation for TagResource {
    const NAME: &'static str = "TagResource";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.resource_arn(&self.resource_arn)?;
        c.resource_tags("tags", &self.tags)
    }
}

impl Operation for UntagResource {
    const NAME: &'static str = "UntagResource";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.resource_arn(&self.resource_arn)?;
        for (i, key) in self.tag_keys.iter().enumerate() {
            c.at(
                &format!("tagKeys[{i}]"),
                rules::check_required("tag key", key, RESOURCE_TAG_KEY_MAX),
            )?;
        }
        Ok(())
    }
}

impl Operation for ListTagsForResource {
    const NAME: &'static str = "ListTagsForResource";
    type Output = ListTagsForResourceOutput;

    fn validate(&self) -> Result<(), Error> {
        Check::new(Self::NAME).resource_arn(&self.resource_arn)
    }
}
