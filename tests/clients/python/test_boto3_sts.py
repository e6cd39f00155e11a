"""boto3 asks Callout's STS who it is, as scripts and tools do before anything else.

Run: start Callout, then
    CALLOUT_ENDPOINT=http://127.0.0.1:5000 python3 -m unittest -v test_boto3_sts

Under `--auth off` a random 12-digit access key is the account (docs/spec/protocol.md §5). Against a
`--auth strict` server, CALLOUT_STS_KEY, CALLOUT_STS_SECRET and CALLOUT_STS_ACCOUNT name a
configured credential and its account; then a wrong secret must be refused too.
"""

import os
import random
import unittest

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = os.environ["CALLOUT_ENDPOINT"].rstrip("/")
REGION = "us-east-1"
CONFIG = Config(retries={"max_attempts": 0})
STRICT = "CALLOUT_STS_SECRET" in os.environ


def credential():
    """(key, secret, account) the server will recognise."""
    if STRICT:
        return os.environ["CALLOUT_STS_KEY"], os.environ["CALLOUT_STS_SECRET"], os.environ["CALLOUT_STS_ACCOUNT"]
    account = str(random.randrange(200_000_000_000, 999_999_999_999))
    return account, "x", account


def client(service, key, secret, region=REGION):
    return boto3.client(
        service,
        endpoint_url=ENDPOINT,
        region_name=region,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=CONFIG,
    )


class GetCallerIdentityTest(unittest.TestCase):
    def test_the_caller_is_the_root_of_the_keys_account(self):
        key, secret, account = credential()
        identity = client("sts", key, secret).get_caller_identity()
        self.assertEqual(identity["Account"], account)
        self.assertEqual(identity["UserId"], account)
        self.assertEqual(identity["Arn"], f"arn:aws:iam::{account}:root")
        self.assertEqual(identity["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertRegex(identity["ResponseMetadata"]["RequestId"], r"^[0-9a-f-]{36}$")

    def test_the_account_sts_names_is_the_one_ssm_contacts_files_under(self):
        key, secret, account = credential()
        alias = "sts-" + str(random.randrange(10**9))
        created = client("ssm-contacts", key, secret).create_contact(Alias=alias, Type="PERSONAL", Plan={"Stages": []})
        self.assertEqual(created["ContactArn"], f"arn:aws:ssm-contacts:{REGION}:{account}:contact/{alias}")
        self.assertEqual(client("sts", key, secret).get_caller_identity()["Account"], account)

    def test_a_china_region_gets_an_arn_in_its_partition(self):
        key, secret, account = credential()
        identity = client("sts", key, secret, region="cn-north-1").get_caller_identity()
        self.assertEqual(identity["Arn"], f"arn:aws-cn:iam::{account}:root")

    @unittest.skipUnless(STRICT, "only a --auth strict server checks secrets")
    def test_a_wrong_secret_is_a_signature_that_does_not_match(self):
        key, _, _ = credential()
        with self.assertRaises(ClientError) as caught:
            client("sts", key, "wrong-secret").get_caller_identity()
        self.assertEqual(caught.exception.response["Error"]["Code"], "SignatureDoesNotMatch")
        self.assertEqual(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], 403)


if __name__ == "__main__":
    unittest.main()
