"""boto3's ssm-incidents client drives Callout's response plans, their resource policies and the
ssm-incidents tag operations (rest-json), and ssm-contacts makes the contacts a plan engages.

Run: start Callout, then
    CALLOUT_ENDPOINT=http://127.0.0.1:5000 python3 -m unittest -v test_boto3_response_plans

Under `--auth off` each test works in an account of its own. Against a `--auth strict` server,
CALLOUT_STRICT_KEY, CALLOUT_STRICT_SECRET and CALLOUT_STRICT_ACCOUNT name a configured credential:
the tests then share that account, so each names its plans uniquely and deletes them. Under strict
auth the tag calls also check that the signature over a path holding a percent-encoded ARN
(`/tags/arn%3Aaws%3A...%2Fname`) verifies.
"""

import json
import os
import random
import unittest
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = os.environ["CALLOUT_ENDPOINT"].rstrip("/")
REGION = "us-east-1"
CONFIG = Config(retries={"max_attempts": 0})
STRICT = "CALLOUT_STRICT_SECRET" in os.environ


def credential():
    if STRICT:
        return os.environ["CALLOUT_STRICT_KEY"], os.environ["CALLOUT_STRICT_SECRET"], os.environ["CALLOUT_STRICT_ACCOUNT"]
    account = str(random.randrange(200_000_000_000, 999_999_999_999))
    return account, "x", account


def client(service, key, secret, region=REGION):
    return boto3.client(service, endpoint_url=ENDPOINT, region_name=region, aws_access_key_id=key,
                        aws_secret_access_key=secret, config=CONFIG)


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


class ResponsePlanTest(unittest.TestCase):
    def setUp(self):
        self.key, self.secret, self.account = credential()
        self.incidents = client("ssm-incidents", self.key, self.secret)
        self.contacts = client("ssm-contacts", self.key, self.secret)
        self.plans = []
        self.contact_arns = []

    def tearDown(self):
        for arn in self.plans:
            self.incidents.delete_response_plan(arn=arn)
        for arn in self.contact_arns:
            self.contacts.delete_contact(ContactId=arn)

    def contact(self):
        arn = self.contacts.create_contact(Alias=unique("dba"), Type="PERSONAL", Plan={"Stages": []})["ContactArn"]
        self.contact_arns.append(arn)
        return arn

    def create(self, **extra):
        name = extra.pop("name", unique("plan"))
        response = self.incidents.create_response_plan(
            name=name, incidentTemplate=extra.pop("incidentTemplate", {"title": "Database down", "impact": 2}), **extra)
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.plans.append(response["arn"])
        return name, response["arn"]

    def error(self, raised):
        return raised.exception.response["Error"]["Code"], raised.exception.response["ResponseMetadata"]["HTTPStatusCode"]

    def test_a_plan_is_read_back_with_every_member_as_sent(self):
        dba = self.contact()
        chat = {"chatbotSns": ["arn:aws:sns:us-east-1:111122223333:chat"]}
        actions = [{"ssmAutomation": {"roleArn": "arn:aws:iam::111122223333:role/r", "documentName": "AWS-Restart",
                                      "parameters": {"InstanceId": ["i-1"]}, "dynamicParameters": {"x": {"variable": "INCIDENT_RECORD_ARN"}}}}]
        integrations = [{"pagerDutyConfiguration": {"name": "pd", "secretId": "secret",
                                                    "pagerDutyIncidentConfiguration": {"serviceId": "P123"}}}]
        template = {"title": "Database down", "impact": 1, "summary": "Replica lag", "dedupeString": "db",
                    "incidentTags": {"team": "data"},
                    "notificationTargets": [{"snsTopicArn": "arn:aws:sns:us-east-1:111122223333:pager"}]}

        name, arn = self.create(displayName="Database", incidentTemplate=template, engagements=[dba],
                                chatChannel=chat, actions=actions, integrations=integrations, tags={"owner": "ops"})

        self.assertEqual(arn, f"arn:aws:ssm-incidents::{self.account}:response-plan/{name}")
        plan = self.incidents.get_response_plan(arn=arn)
        self.assertEqual((plan["name"], plan["displayName"], plan["arn"]), (name, "Database", arn))
        self.assertEqual(plan["incidentTemplate"], template)
        self.assertEqual(plan["engagements"], [dba])
        self.assertEqual((plan["chatChannel"], plan["actions"], plan["integrations"]), (chat, actions, integrations))
        self.assertEqual(self.incidents.list_tags_for_resource(resourceArn=arn)["tags"], {"owner": "ops"})

    def test_the_paginator_walks_every_plan_in_name_order(self):
        names = sorted(self.create(name=unique("page"))[0] for _ in range(5))

        pages = list(self.incidents.get_paginator("list_response_plans").paginate(PaginationConfig={"PageSize": 2}))

        listed = [s["name"] for p in pages for s in p["responsePlanSummaries"]]
        self.assertEqual([n for n in listed if n in names], names)
        self.assertGreaterEqual(len(pages), 3)

    def test_a_second_plan_of_the_same_name_is_a_conflict_from_any_region(self):
        name, arn = self.create()

        with self.assertRaises(self.incidents.exceptions.ConflictException) as conflict:
            client("ssm-incidents", self.key, self.secret, "eu-west-1").create_response_plan(
                name=name, incidentTemplate={"title": "t", "impact": 3})

        self.assertEqual(conflict.exception.response["resourceIdentifier"], arn)
        self.assertEqual(conflict.exception.response["resourceType"], "RESPONSE_PLAN")

    def test_a_client_token_replays_the_create(self):
        name = unique("token")
        first = self.incidents.create_response_plan(name=name, clientToken="tok-" + name, incidentTemplate={"title": "t", "impact": 3})
        self.plans.append(first["arn"])

        again = self.incidents.create_response_plan(name=name, clientToken="tok-" + name, incidentTemplate={"title": "t", "impact": 3})

        self.assertEqual(again["arn"], first["arn"])

    def test_an_engagement_of_no_existing_contact_is_named_in_the_refusal(self):
        ghost = f"arn:aws:ssm-contacts:{REGION}:{self.account}:contact/{unique('ghost')}"

        with self.assertRaises(ClientError) as refused:
            self.create(engagements=[ghost])

        self.assertEqual(self.error(refused), ("ValidationException", 400))
        self.assertIn(ghost, refused.exception.response["Error"]["Message"])

    def test_an_update_replaces_what_it_names_and_empty_values_clear(self):
        dba = self.contact()
        _, arn = self.create(displayName="Before", engagements=[dba],
                             chatChannel={"chatbotSns": ["arn:aws:sns:us-east-1:111122223333:chat"]},
                             incidentTemplate={"title": "t", "impact": 3, "summary": "s", "incidentTags": {"a": "1"}})

        response = self.incidents.update_response_plan(
            arn=arn, incidentTemplateTitle="New title", incidentTemplateImpact=1, incidentTemplateTags={},
            engagements=[], chatChannel={"empty": {}}, incidentTemplateSummary="")

        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 204)
        plan = self.incidents.get_response_plan(arn=arn)
        self.assertEqual(plan["incidentTemplate"], {"title": "New title", "impact": 1})
        self.assertEqual(plan["displayName"], "Before")
        self.assertNotIn("engagements", plan)
        self.assertNotIn("chatChannel", plan)

    def test_delete_is_silent_for_an_absent_plan_and_the_plan_is_gone(self):
        _, arn = self.create()

        self.incidents.delete_response_plan(arn=arn)
        self.plans.remove(arn)
        again = self.incidents.delete_response_plan(arn=arn)

        self.assertEqual(again["ResponseMetadata"]["HTTPStatusCode"], 204)
        with self.assertRaises(self.incidents.exceptions.ResourceNotFoundException):
            self.incidents.get_response_plan(arn=arn)

    def test_resource_policies_are_put_listed_page_by_page_and_deleted(self):
        _, arn = self.create()
        documents = [json.dumps({"Version": "2012-10-17", "Statement": [{"Sid": str(i), "Effect": "Allow"}]}) for i in range(3)]
        ids = [self.incidents.put_resource_policy(resourceArn=arn, policy=d)["policyId"] for d in documents]

        pages = list(self.incidents.get_paginator("get_resource_policies").paginate(
            resourceArn=arn, PaginationConfig={"PageSize": 2}))

        listed = [p for page in pages for p in page["resourcePolicies"]]
        self.assertEqual([p["policyId"] for p in listed], ids)
        self.assertEqual([p["policyDocument"] for p in listed], documents)
        self.assertEqual({p["ramResourceShareRegion"] for p in listed}, {REGION})
        self.incidents.delete_resource_policy(resourceArn=arn, policyId=ids[1])
        remaining = self.incidents.get_resource_policies(resourceArn=arn)["resourcePolicies"]
        self.assertEqual([p["policyId"] for p in remaining], [ids[0], ids[2]])
        with self.assertRaises(self.incidents.exceptions.ResourceNotFoundException):
            self.incidents.delete_resource_policy(resourceArn=arn, policyId=ids[1])

    def test_a_policy_that_is_not_json_is_refused(self):
        _, arn = self.create()

        with self.assertRaises(ClientError) as refused:
            self.incidents.put_resource_policy(resourceArn=arn, policy="{not json")

        self.assertEqual(self.error(refused), ("ValidationException", 400))

    def test_tags_are_added_listed_and_removed_from_any_region(self):
        _, arn = self.create()
        elsewhere = client("ssm-incidents", self.key, self.secret, "ap-south-1")

        added = self.incidents.tag_resource(resourceArn=arn, tags={"team": "data", "tier": "1"})
        elsewhere.untag_resource(resourceArn=arn, tagKeys=["tier"])

        self.assertEqual(added["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.assertEqual(elsewhere.list_tags_for_resource(resourceArn=arn)["tags"], {"team": "data"})
        self.assertEqual(self.incidents.list_tags_for_resource(resourceArn=arn)["tags"], {"team": "data"})

    def test_tags_of_a_foreign_or_unknown_arn_are_not_found(self):
        foreign = "arn:aws:ssm-incidents::123456789012:response-plan/" + unique("theirs")

        with self.assertRaises(self.incidents.exceptions.ResourceNotFoundException):
            self.incidents.tag_resource(resourceArn=foreign, tags={"a": "b"})
        with self.assertRaises(ClientError) as bad:
            self.incidents.list_tags_for_resource(resourceArn="not-an-arn")
        self.assertEqual(self.error(bad), ("ValidationException", 400))

    def test_an_oversized_name_is_a_validation_exception(self):
        with self.assertRaises(ClientError) as refused:
            self.incidents.create_response_plan(name="p" * 201, incidentTemplate={"title": "t", "impact": 3})

        self.assertEqual(self.error(refused), ("ValidationException", 400))


if __name__ == "__main__":
    unittest.main()
