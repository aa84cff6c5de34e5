"""simpleflow's own jumbo-field reader and writer, and boto3, against an S3 endpoint (moto's).

Used by tests/tests/s3_store.rs. One operation per run, its argument on stdin, its answer the
last line of stdout as JSON. boto3 reads the endpoint from AWS_ENDPOINT_URL_S3, the keys from
AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and the region from AWS_DEFAULT_REGION; simpleflow's
writer reads its bucket (and directory) from SIMPLEFLOW_JUMBO_FIELDS_BUCKET.

- `create_bucket`: stdin is a bucket name; boto3 creates it.
- `head`: stdin is `{"bucket": B, "key": K}`; the answer is the object's
  `ServerSideEncryption` as S3 reports it (null if none).
- `decode`: stdin is a field (a jumbo-field marker); the answer is the text
  `simpleflow.format.decode` fetches for it (without JSON parsing), read from S3 by simpleflow.
- `encode_result`: stdin is a JSON value; the answer is the field `simpleflow.format.result`
  makes of it, a marker when the value is over SWF's limit (the value is then in S3).
- `encode_details`: stdin is text; the answer is the field `simpleflow.format.details` makes of
  it as is (no JSON encoding, so characters outside ASCII stay as they are).
"""

import json
import sys

import boto3


def main() -> None:
    op = sys.argv[1]
    arg = sys.stdin.read()
    if op == "create_bucket":
        boto3.client("s3").create_bucket(Bucket=arg)
        answer = None
    elif op == "head":
        request = json.loads(arg)
        head = boto3.client("s3").head_object(Bucket=request["bucket"], Key=request["key"])
        answer = head.get("ServerSideEncryption")
    elif op == "decode":
        from simpleflow import format

        answer = format.decode(arg, parse_json=False, use_proxy=False)
    elif op == "encode_result":
        from simpleflow import format

        answer = format.result(json.loads(arg))
    elif op == "encode_details":
        from simpleflow import format

        answer = format.details(arg)
    else:
        raise SystemExit(f"unknown operation {op!r}")
    sys.stdout.write("\n" + json.dumps(answer) + "\n")


if __name__ == "__main__":
    main()
