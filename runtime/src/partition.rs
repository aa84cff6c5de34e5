//! The AWS partitions: which regions belong to which, and the DNS suffixes of their endpoints.
//!
//! A copy of the table the AWS SDKs resolve endpoints with (`partitions.json` in botocore and
//! the smithy-rs runtime). A region belongs to the partition that lists it, else to the one
//! whose region pattern it matches, else to `aws`, as in the SDKs' `aws.partition` function.
//! The endpoint resolver and the IAM ARNs in access-denied hints both read it.

/// One AWS partition, e.g. `aws-cn`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Partition {
    name: &'static str,
    dns_suffix: &'static str,
    dual_stack_dns_suffix: &'static str,
    supports_fips: bool,
    supports_dual_stack: bool,
    /// The SDKs' region pattern is `^(p1|p2|..)\-\w+\-\d+$`; these are its `p`s.
    region_prefixes: &'static [&'static str],
    /// Regions listed by name, which win over the patterns.
    regions: &'static [&'static str],
}

/// Every partition, `aws` first.
pub const PARTITIONS: &[Partition] = &[
    Partition {
        name: "aws",
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
        region_prefixes: &["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"],
        regions: &["aws-global"],
    },
    Partition {
        name: "aws-cn",
        dns_suffix: "amazonaws.com.cn",
        dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
        supports_fips: true,
        supports_dual_stack: true,
        region_prefixes: &["cn"],
        regions: &["aws-cn-global"],
    },
    Partition {
        name: "aws-eusc",
        dns_suffix: "amazonaws.eu",
        dual_stack_dns_suffix: "api.amazonwebservices.eu",
        supports_fips: true,
        supports_dual_stack: true,
        region_prefixes: &["eusc-de"],
        regions: &[],
    },
    Partition {
        name: "aws-iso",
        dns_suffix: "c2s.ic.gov",
        dual_stack_dns_suffix: "api.aws.ic.gov",
        supports_fips: true,
        supports_dual_stack: true,
        region_prefixes: &["us-iso"],
        regions: &["aws-iso-global"],
    },
    Partition {
        name: "aws-iso-b",
        dns_suffix: "sc2s.sgov.gov",
        dual_stack_dns_suffix: "api.aws.scloud",
        supports_fips: true,
        supports_dual_stack: true,
        region_prefixes: &["us-isob"],
        regions: &["aws-iso-b-global"],
    },
    Partition {
        name: "aws-iso-e",
        dns_suffix: "cloud.adc-e.uk",
        dual_stack_dns_suffix: "api.cloud-aws.adc-e.uk",
        supports_fips: true,
        supports_dual_stack: true,
        region_prefixes: &["eu-isoe"],
        regions: &["aws-iso-e-global"],
    },
    Partition {
        name: "aws-iso-f",
        dns_suffix: "csp.hci.ic.gov",
        dual_stack_dns_suffix: "api.aws.hci.ic.gov",
        supports_fips: true,
        supports_dual_stack: true,
        region_prefixes: &["us-isof"],
        regions: &["aws-iso-f-global"],
    },
    Partition {
        name: "aws-us-gov",
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
        region_prefixes: &["us-gov"],
        regions: &["aws-us-gov-global"],
    },
];

impl Partition {
    /// The partition `region` belongs to; `aws` for a region no partition claims (a region
    /// newer than this table is most likely a commercial one).
    pub fn of(region: &str) -> &'static Partition {
        PARTITIONS
            .iter()
            .find(|p| p.regions.contains(&region))
            .or_else(|| PARTITIONS.iter().find(|p| p.matches_pattern(region)))
            .unwrap_or(&PARTITIONS[0])
    }

    /// The name, as in ARNs: `aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, ...
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The DNS suffix of endpoints, e.g. `amazonaws.com.cn`.
    pub fn dns_suffix(&self) -> &'static str {
        self.dns_suffix
    }

    /// The DNS suffix of dual-stack (IPv4 and IPv6) endpoints, e.g. `api.aws`.
    pub fn dual_stack_dns_suffix(&self) -> &'static str {
        self.dual_stack_dns_suffix
    }

    /// Whether the partition has FIPS endpoints.
    pub fn supports_fips(&self) -> bool {
        self.supports_fips
    }

    /// Whether the partition has dual-stack endpoints.
    pub fn supports_dual_stack(&self) -> bool {
        self.supports_dual_stack
    }

    /// Whether `region` matches `^(prefix)\-\w+\-\d+$` for one of the region prefixes.
    fn matches_pattern(&self, region: &str) -> bool {
        self.region_prefixes.iter().any(|prefix| {
            let Some(rest) = region
                .strip_prefix(prefix)
                .and_then(|r| r.strip_prefix('-'))
            else {
                return false;
            };
            let Some((name, number)) = rest.split_once('-') else {
                return false;
            };
            let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
            !name.is_empty()
                && name.chars().all(word)
                && !number.is_empty()
                && number.chars().all(|c| c.is_ascii_digit())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_to_partitions() {
        for (region, name) in [
            ("us-east-1", "aws"),
            ("eu-central-2", "aws"),
            ("il-central-1", "aws"),
            ("mx-central-1", "aws"),
            ("aws-global", "aws"),
            ("cn-north-1", "aws-cn"),
            ("cn-northwest-1", "aws-cn"),
            ("aws-cn-global", "aws-cn"),
            ("us-gov-west-1", "aws-us-gov"),
            ("us-gov-east-1", "aws-us-gov"),
            ("us-iso-east-1", "aws-iso"),
            ("us-iso-west-1", "aws-iso"),
            ("us-isob-east-1", "aws-iso-b"),
            ("eu-isoe-west-1", "aws-iso-e"),
            ("us-isof-south-1", "aws-iso-f"),
            ("us-isof-east-1", "aws-iso-f"),
            ("eusc-de-east-1", "aws-eusc"),
            ("aws-iso-b-global", "aws-iso-b"),
            // Not claimed by any pattern: the SDKs fall back to `aws`.
            ("xx-newplace-1", "aws"),
            ("eusc-fr-east-1", "aws"),
            ("us-east", "aws"),
            ("local", "aws"),
        ] {
            assert_eq!(Partition::of(region).name(), name, "{region}");
        }
    }

    #[test]
    fn suffixes() {
        let of = |region| {
            let p = Partition::of(region);
            (p.dns_suffix(), p.dual_stack_dns_suffix())
        };
        assert_eq!(of("us-east-1"), ("amazonaws.com", "api.aws"));
        assert_eq!(
            of("cn-north-1"),
            ("amazonaws.com.cn", "api.amazonwebservices.com.cn")
        );
        assert_eq!(of("us-gov-west-1"), ("amazonaws.com", "api.aws"));
        assert_eq!(of("us-iso-east-1"), ("c2s.ic.gov", "api.aws.ic.gov"));
        assert_eq!(of("us-isob-east-1"), ("sc2s.sgov.gov", "api.aws.scloud"));
        assert_eq!(
            of("eu-isoe-west-1"),
            ("cloud.adc-e.uk", "api.cloud-aws.adc-e.uk")
        );
        assert_eq!(
            of("us-isof-south-1"),
            ("csp.hci.ic.gov", "api.aws.hci.ic.gov")
        );
        assert_eq!(
            of("eusc-de-east-1"),
            ("amazonaws.eu", "api.amazonwebservices.eu")
        );
        assert!(
            PARTITIONS
                .iter()
                .all(|p| p.supports_fips() && p.supports_dual_stack())
        );
    }
}
