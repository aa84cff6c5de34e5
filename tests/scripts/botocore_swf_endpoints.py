"""Resolves SWF endpoints with botocore, for tests/tests/endpoint.rs to compare with ours.

The ground truth is SWF's endpoint rule set and partitions.json, the data every AWS SDK
generates its endpoint resolver from (aws-sdk-swf's included). botocore ships both and the rules
engine that evaluates them (`EndpointProvider`, which its `EndpointRulesetResolver` calls with
the client's settings as parameters). For every partition botocore knows, every region it lists
plus one made-up region matching its pattern, and every FIPS x dual-stack combination, this
evaluates the rules, as it does for a few cases with a custom endpoint. Prints one JSON document
on stdout:

    {"botocore": VERSION,
     "partitions": [{"name", "dnsSuffix", "dualStackDnsSuffix", "supportsFIPS",
                     "supportsDualStack", "regions": [...]}],
     "cases": [{"region", "fips", "dualStack", "endpoint", "url" or "error"}]}

The rules, not a botocore client, are evaluated because a client adds Python-only behaviour the
other SDKs do not have: it drops FIPS and dual-stack silently when given an endpoint URL, and
refuses variants its legacy endpoints.json does not list.
"""

import json
import re
import sys

import botocore
import botocore.exceptions
import botocore.session
from botocore.endpoint_provider import EndpointProvider


def made_up_region(pattern, listed):
    """A region matching `pattern` that is not listed, so the pattern (not the list) decides."""
    for region in listed:
        m = re.match(r"^(.*-)(\d+)$", region)
        if m:
            candidate = m.group(1) + "97"
            if re.match(pattern, candidate) and candidate not in listed:
                return candidate
    return None


def main():
    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    partitions = loader.load_data("partitions")["partitions"]

    regions = []
    described = []
    for p in partitions:
        listed = sorted(p["regions"].keys())
        out = p["outputs"]
        described.append(
            {
                "name": out["name"],
                "dnsSuffix": out["dnsSuffix"],
                "dualStackDnsSuffix": out["dualStackDnsSuffix"],
                "supportsFIPS": out["supportsFIPS"],
                "supportsDualStack": out["supportsDualStack"],
                "regions": listed,
            }
        )
        regions.extend(listed)
        extra = made_up_region(p["regionRegex"], listed)
        if extra is None:
            sys.exit(f"no made-up region for {p['id']} ({p['regionRegex']})")
        regions.append(extra)
    # No partition claims it: the SDKs fall back to `aws`.
    regions.append("xx-newplace-1")

    rules = loader.load_service_model("swf", "endpoint-rule-set-1")
    provider = EndpointProvider(ruleset_data=rules, partition_data=loader.load_data("partitions"))

    def resolve(region, fips, dual_stack, endpoint):
        case = {
            "region": region,
            "fips": fips,
            "dualStack": dual_stack,
            "endpoint": endpoint,
        }
        params = {"Region": region, "UseFIPS": fips, "UseDualStack": dual_stack}
        if endpoint is not None:
            params["Endpoint"] = endpoint
        try:
            case["url"] = provider.resolve_endpoint(**params).url
        except botocore.exceptions.EndpointResolutionError as e:
            case["error"] = str(e)
        return case

    cases = []
    for region in regions:
        for fips in (False, True):
            for dual_stack in (False, True):
                cases.append(resolve(region, fips, dual_stack, None))
    for fips in (False, True):
        for dual_stack in (False, True):
            cases.append(resolve("us-east-1", fips, dual_stack, "http://127.0.0.1:4566"))

    json.dump(
        {"botocore": botocore.__version__, "partitions": described, "cases": cases},
        sys.stdout,
    )


if __name__ == "__main__":
    main()
