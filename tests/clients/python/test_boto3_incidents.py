"""boto3's ssm-incidents client drives Callout's replication set operations (rest-json).

Run: start Callout, then
    CALLOUT_ENDPOINT=http://127.0.0.1:5000 python3 -m unittest -v test_boto3_incidents

Under `--auth off` each test works in an account of its own (a random 12-digit access key is the
account, docs/spec/protocol.md §5). Against a `--auth strict` server, CALLOUT_STRICT_KEY,
CALLOUT_STRICT_SECRET and CALLOUT_STRICT_ACCOUNT name a configured credential: the tests then share
that account, so each removes the replication set it made, and a wrong secret must be refused.
"""

import os
import random
import re
import unittest
import urllib.error
import urllib.request

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

ENDPOINT = os.environ["CALLOUT_ENDPOINT"].rstrip("/")
REGION = "us-east-1"
CONFIG = Config(retries={"max_attempts": 0})
STRICT = "CALLOUT_STRICT_SECRET" in os.environ
FAST = {"Delay": 1, "MaxAttempts": 3}


def credential():
    if STRICT:
        return os.environ["CALLOUT_STRICT_KEY"], os.environ["CALLOUT_STRICT_SECRET"], os.environ["CALLOUT_STRICT_ACCOUNT"]
    account = str(random.randrange(200_000_000_000, 999_999_999_999))
    return account, "x", account


def incidents(key, secret, region=REGION):
    return boto3.client(
        "ssm-incidents",
        endpoint_url=ENDPOINT,
        region_name=region,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=CONFIG,
    )


class ReplicationSetTest(unittest.TestCase):
    def setUp(self):
        self.key, self.secret, self.account = credential()
        self.client = incidents(self.key, self.secret)
        self.arn = None

    def tearDown(self):
        if self.arn is None:
            return
        try:
            self.client.update_deletion_protection(arn=self.arn, deletionProtected=False)
            self.client.delete_replication_set(arn=self.arn)
        except ClientError as e:
            if e.response["Error"]["Code"] != "ResourceNotFoundException":
                raise

    def create(self, regions=None):
        response = self.client.create_replication_set(regions=regions or {"us-east-1": {}})
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.arn = response["arn"]
        return self.arn

    def test_a_new_set_is_active_for_the_waiter_and_regionless(self):
        arn = self.create({"us-east-1": {}, "eu-west-1": {"sseKmsKeyId": "arn:aws:kms:eu-west-1:111122223333:key/k"}})
        self.assertRegex(arn, rf"^arn:aws:ssm-incidents::{self.account}:replication-set/[0-9a-f-]{{36}}$")

        self.client.get_waiter("wait_for_replication_set_active").wait(arn=arn, WaiterConfig=FAST)

        found = self.client.get_replication_set(arn=arn)["replicationSet"]
        self.assertEqual(found["status"], "ACTIVE")
        self.assertEqual(found["createdBy"], f"arn:aws:iam::{self.account}:root")
        self.assertEqual(sorted(found["regionMap"]), ["eu-west-1", "us-east-1"])
        self.assertEqual(found["regionMap"]["eu-west-1"]["sseKmsKeyId"], "arn:aws:kms:eu-west-1:111122223333:key/k")
        self.assertEqual(found["regionMap"]["us-east-1"]["status"], "ACTIVE")
        self.assertIsNotNone(found["createdTime"].tzinfo)

    def test_the_paginator_lists_the_one_set(self):
        arn = self.create()

        pages = list(self.client.get_paginator("list_replication_sets").paginate(PaginationConfig={"PageSize": 1}))

        self.assertEqual([a for p in pages for a in p["replicationSetArns"]], [arn])

    def test_regions_are_updated_and_protection_guards_deletion(self):
        arn = self.create()
        self.client.update_replication_set(arn=arn, actions=[{"addRegionAction": {"regionName": "ap-south-1"}}])
        self.client.update_replication_set(arn=arn, actions=[{"deleteRegionAction": {"regionName": "us-east-1"}}])
        self.assertEqual(list(self.client.get_replication_set(arn=arn)["replicationSet"]["regionMap"]), ["ap-south-1"])

        self.client.update_deletion_protection(arn=arn, deletionProtected=True)
        with self.assertRaises(ClientError) as refused:
            self.client.delete_replication_set(arn=arn)
        self.assertEqual(refused.exception.response["Error"]["Code"], "ValidationException")
        self.assertEqual(refused.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)
        self.assertIn("protected from deletion", refused.exception.response["Error"]["Message"])

        self.client.update_deletion_protection(arn=arn, deletionProtected=False)
        self.client.delete_replication_set(arn=arn)
        self.client.get_waiter("wait_for_replication_set_deleted").wait(arn=arn, WaiterConfig=FAST)
        with self.assertRaises(self.client.exceptions.ResourceNotFoundException) as gone:
            self.client.get_replication_set(arn=arn)
        self.assertEqual(gone.exception.response["Error"]["Code"], "ResourceNotFoundException")
        self.assertEqual(gone.exception.response["ResponseMetadata"]["HTTPStatusCode"], 404)

    def test_a_second_set_is_a_modeled_conflict(self):
        self.create()

        with self.assertRaises(self.client.exceptions.ConflictException) as conflict:
            incidents(self.key, self.secret, "eu-west-1").create_replication_set(regions={"eu-west-1": {}})

        self.assertEqual(conflict.exception.response["resourceIdentifier"], self.arn)
        self.assertEqual(conflict.exception.response["resourceType"], "REPLICATION_SET")

    def test_a_bad_arn_is_a_validation_exception(self):
        with self.assertRaises(ClientError) as bad:
            self.client.get_replication_set(arn="arn:aws:ssm-incidents::123456789012:replication-set/" + "x" * 1000)

        self.assertEqual(bad.exception.response["Error"]["Code"], "ValidationException")
        self.assertRegex(bad.exception.response["Error"]["Message"], re.compile("length less than or equal to 1000"))

    @unittest.skipUnless(STRICT, "needs a --auth strict server")
    def test_a_wrong_secret_is_refused(self):
        with self.assertRaises(ClientError) as refused:
            incidents(self.key, "wrong-secret").list_replication_sets()

        self.assertEqual(refused.exception.response["Error"]["Code"], "InvalidSignatureException")
        self.assertEqual(refused.exception.response["ResponseMetadata"]["HTTPStatusCode"], 403)

    @unittest.skipUnless(STRICT, "needs a --auth strict server")
    def test_a_signature_scoped_to_ssm_contacts_is_refused(self):
        url = ENDPOINT + "/listReplicationSets"
        signed = AWSRequest(method="POST", url=url, data=b"{}", headers={"Content-Type": "application/json"})
        SigV4Auth(Credentials(self.key, self.secret), "ssm-contacts", REGION).add_auth(signed)

        with self.assertRaises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(url, data=b"{}", headers=dict(signed.headers.items()), method="POST"))

        self.assertEqual(refused.exception.code, 403)
        self.assertEqual(refused.exception.headers["x-amzn-ErrorType"], "InvalidSignatureException")
        self.assertIn("ssm-incidents", refused.exception.read().decode())


if __name__ == "__main__":
    unittest.main()
