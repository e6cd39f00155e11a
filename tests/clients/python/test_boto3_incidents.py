"""boto3's ssm-incidents client drives Callout's replication set, incident, timeline and related item
operations (rest-json), paginators included.

Run: start Callout, then
    CALLOUT_ENDPOINT=http://127.0.0.1:5000 python3 -m unittest -v test_boto3_incidents

Under `--auth off` each test works in an account of its own (a random 12-digit access key is the
account, docs/spec/protocol.md §5). Against a `--auth strict` server, CALLOUT_STRICT_KEY,
CALLOUT_STRICT_SECRET and CALLOUT_STRICT_ACCOUNT name a configured credential: the tests then share
that account, so each removes the replication set it made, and a wrong secret must be refused.
"""

import datetime
import os
import random
import re
import uuid
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


class IncidentTest(unittest.TestCase):
    """Incidents of a plan with no engagements: the wire shapes, paginators and modeled errors.
    The engaging itself is covered end to end (tests/Callout.EndToEnd/Incidents)."""

    def setUp(self):
        self.key, self.secret, self.account = credential()
        self.client = incidents(self.key, self.secret)
        self.created_set = None
        try:
            self.created_set = self.client.create_replication_set(regions={"us-east-1": {}})["arn"]
        except self.client.exceptions.ConflictException:
            pass
        self.plan_name = "plan-" + uuid.uuid4().hex[:12]
        self.plan = self.client.create_response_plan(
            name=self.plan_name, incidentTemplate={"title": "Database down", "impact": 3, "summary": "Look at the database"}
        )["arn"]
        self.incidents = []

    def tearDown(self):
        for arn in self.incidents:
            self.client.delete_incident_record(arn=arn)
        self.client.delete_response_plan(arn=self.plan)
        if self.created_set is not None:
            self.client.delete_replication_set(arn=self.created_set)

    def start(self, **kwargs):
        arn = self.client.start_incident(responsePlanArn=self.plan, **kwargs)["incidentRecordArn"]
        self.incidents.append(arn)
        return arn

    def test_an_incident_starts_dedupes_on_its_trigger_and_resolves(self):
        trigger = {
            "source": "callout.test",
            "timestamp": datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.timezone.utc),
            "triggerArn": f"arn:aws:cloudwatch:us-east-1:{self.account}:alarm:" + uuid.uuid4().hex,
            "rawData": '{"alarm": true}',
        }
        arn = self.start(title="Primary down", impact=2, triggerDetails=trigger)
        self.assertRegex(arn, rf"^arn:aws:ssm-incidents::{self.account}:incident-record/{self.plan_name}/[0-9a-f-]{{36}}$")
        self.assertEqual(self.start(triggerDetails=trigger), arn)

        record = self.client.get_incident_record(arn=arn)["incidentRecord"]
        self.assertEqual(record["status"], "OPEN")
        self.assertEqual(record["title"], "Primary down")
        self.assertEqual(record["impact"], 2)
        self.assertEqual(record["summary"], "Look at the database")
        self.assertEqual(record["dedupeString"], trigger["triggerArn"])
        self.assertEqual(record["incidentRecordSource"]["source"], "callout.test")
        self.assertEqual(record["incidentRecordSource"]["createdBy"], f"arn:aws:iam::{self.account}:root")
        self.assertIsNotNone(record["creationTime"].tzinfo)

        updated = self.client.update_incident_record(arn=arn, status="RESOLVED", summary="Failed over")
        self.assertEqual(updated["ResponseMetadata"]["HTTPStatusCode"], 204)
        record = self.client.get_incident_record(arn=arn)["incidentRecord"]
        self.assertEqual((record["status"], record["summary"]), ("RESOLVED", "Failed over"))
        self.assertIn("resolvedTime", record)
        types = [e["eventType"] for e in self.client.list_timeline_events(incidentRecordArn=arn)["eventSummaries"]]
        self.assertIn("Callout Incident Created", types)
        self.assertIn("Callout Incident Deduplicated", types)
        self.assertIn("Callout Incident Status Changed", types)

    def test_the_incident_paginator_pages_with_filters(self):
        made = [self.start(impact=1), self.start(impact=2), self.start(impact=1)]

        pages = self.client.get_paginator("list_incident_records").paginate(
            filters=[
                {"key": "impact", "condition": {"equals": {"integerValues": [1]}}},
                {"key": "creationTime", "condition": {"after": datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)}},
            ],
            PaginationConfig={"PageSize": 1},
        )
        listed = [s["arn"] for p in pages for s in p["incidentRecordSummaries"]]

        self.assertEqual([a for a in listed if a in made], [made[2], made[0]])

    def test_timeline_events_are_written_paged_sorted_updated_and_deleted(self):
        arn = self.start()
        at = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
        created = self.client.create_timeline_event(incidentRecordArn=arn, eventTime=at, eventType="Note", eventData="first")
        self.assertEqual(created["ResponseMetadata"]["HTTPStatusCode"], 201)
        second = self.client.create_timeline_event(
            incidentRecordArn=arn, eventTime=at + datetime.timedelta(minutes=1), eventType="Custom Event", eventData="second",
            eventReferences=[{"resource": "arn:aws:s3:::bucket"}],
        )["eventId"]

        pages = self.client.get_paginator("list_timeline_events").paginate(
            incidentRecordArn=arn, sortBy="EVENT_TIME", sortOrder="ASCENDING",
            filters=[{"key": "eventType", "condition": {"equals": {"stringValues": ["Note", "Custom Event"]}}}],
            PaginationConfig={"PageSize": 1},
        )
        self.assertEqual([e["eventId"] for p in pages for e in p["eventSummaries"]], [created["eventId"], second])

        event = self.client.get_timeline_event(incidentRecordArn=arn, eventId=second)["event"]
        self.assertEqual(event["eventData"], "second")
        self.assertEqual(event["eventTime"], at + datetime.timedelta(minutes=1))
        self.assertEqual(event["eventReferences"], [{"resource": "arn:aws:s3:::bucket"}])

        self.client.update_timeline_event(incidentRecordArn=arn, eventId=second, eventData="changed")
        self.assertEqual(self.client.get_timeline_event(incidentRecordArn=arn, eventId=second)["event"]["eventData"], "changed")
        self.client.delete_timeline_event(incidentRecordArn=arn, eventId=second)
        with self.assertRaises(self.client.exceptions.ResourceNotFoundException):
            self.client.get_timeline_event(incidentRecordArn=arn, eventId=second)

        with self.assertRaises(ClientError) as forged:
            self.client.create_timeline_event(incidentRecordArn=arn, eventTime=at, eventType="Callout Page Sent", eventData="x")
        self.assertEqual(forged.exception.response["Error"]["Code"], "ValidationException")

    def test_related_items_are_added_once_removed_and_paged(self):
        arn = self.start(relatedItems=[{"identifier": {"type": "OTHER", "value": {"url": "https://runbook.example"}}, "title": "Runbook"}])
        dashboard = {"identifier": {"type": "METRIC", "value": {"url": "https://grafana.example/d/1"}}, "title": "Dashboard"}

        self.client.update_related_items(incidentRecordArn=arn, relatedItemsUpdate={"itemToAdd": dashboard})
        with self.assertRaises(self.client.exceptions.ConflictException):
            self.client.update_related_items(incidentRecordArn=arn, relatedItemsUpdate={"itemToAdd": dashboard})
        pages = self.client.get_paginator("list_related_items").paginate(incidentRecordArn=arn, PaginationConfig={"PageSize": 1})
        self.assertEqual([i["title"] for p in pages for i in p["relatedItems"]], ["Runbook", "Dashboard"])

        self.client.update_related_items(incidentRecordArn=arn, relatedItemsUpdate={"itemToRemove": dashboard["identifier"]})
        self.assertEqual(len(self.client.list_related_items(incidentRecordArn=arn)["relatedItems"]), 1)

    def test_findings_are_empty_and_modeled_errors_parse(self):
        arn = self.start()
        self.assertEqual(self.client.list_incident_findings(incidentRecordArn=arn)["findings"], [])
        found = self.client.batch_get_incident_findings(incidentRecordArn=arn, findingIds=["f1"])
        self.assertEqual((found["findings"], [e["findingId"] for e in found["errors"]]), ([], ["f1"]))

        absent = f"arn:aws:ssm-incidents::{self.account}:incident-record/{self.plan_name}/00000000-0000-0000-0000-000000000000"
        with self.assertRaises(self.client.exceptions.ResourceNotFoundException) as missing:
            self.client.get_incident_record(arn=absent)
        self.assertEqual(missing.exception.response["resourceType"], "INCIDENT_RECORD")
        with self.assertRaises(ClientError) as reserved:
            self.start(triggerDetails={"source": "aws.cloudwatch", "timestamp": datetime.datetime.now(datetime.timezone.utc)})
        self.assertEqual(reserved.exception.response["Error"]["Code"], "ValidationException")
        self.assertEqual(self.client.delete_incident_record(arn=absent)["ResponseMetadata"]["HTTPStatusCode"], 204)


if __name__ == "__main__":
    unittest.main()
