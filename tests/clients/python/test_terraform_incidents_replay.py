"""Replays the SSM Incidents calls Terraform's AWS provider makes for `aws_ssmincidents_replication_set`
and `aws_ssmincidents_response_plan`, with the request members the provider sends, in its order.

Source: hashicorp/terraform-provider-aws, internal/service/ssmincidents/:
- replication_set.go: resourceReplicationSetCreate → CreateReplicationSet (clientToken from
  GenerateClientToken, tags when any), then waitReplicationSetCreated polls GetReplicationSet
  (statusReplicationSet) until ACTIVE, then resourceReplicationSetRead → GetReplicationSet
  (FindReplicationSetByID) and GetSetResourceTags → ListTagsForResource.
  resourceReplicationSetUpdate → UpdateReplicationSet (updateRegionsInput: addRegionAction /
  deleteRegionAction) then waitReplicationSetUpdated (GetReplicationSet until ACTIVE); tag changes go
  through UpdateResourceTags → UntagResource (removed keys) and TagResource (new or changed).
  The importer calls getReplicationSetArn (helper.go) → ListReplicationSets and takes the first ARN,
  then ListTagsForResource. resourceReplicationSetDelete → DeleteReplicationSet (ResourceNotFound is
  success) then waitReplicationSetDeleted polls GetReplicationSet until it is gone.
- response_plan.go: resourceResponsePlanCreate → CreateResponsePlan with every member set, empty
  ones included (displayName "", engagements [], chatChannel {"empty": {}} from expandChatChannel,
  incidentTemplate.summary and .dedupeString "" from expandIncidentTemplate in flex.go), then
  resourceResponsePlanRead → GetResponsePlan (FindResponsePlanByID) and, through the provider's
  transparent tagging (@Tags(identifierAttribute="id")), ListTagsForResource. resourceResponsePlanUpdate
  → UpdateResponsePlan with only the changed members, the template flattened by
  updateResponsePlanInputWithIncidentTemplate (all six incidentTemplate* members), then the read;
  tags as above. Import is ImportStatePassthroughContext: the ARN is the id, then the read.
  resourceResponsePlanDelete → DeleteResponsePlan (ResourceNotFound is success); the acceptance
  tests' CheckDestroy then expects GetResponsePlan to answer ResourceNotFoundException.

Run: CALLOUT_ENDPOINT=http://127.0.0.1:5000 python3 -m unittest -v test_terraform_incidents_replay
(CALLOUT_STRICT_* as for test_boto3_incidents under `--auth strict`).
"""

import os
import random
import string
import unittest

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = os.environ["CALLOUT_ENDPOINT"].rstrip("/")
REGION = "us-east-1"
STRICT = "CALLOUT_STRICT_SECRET" in os.environ


def credential():
    if STRICT:
        return os.environ["CALLOUT_STRICT_KEY"], os.environ["CALLOUT_STRICT_SECRET"], os.environ["CALLOUT_STRICT_ACCOUNT"]
    account = str(random.randrange(200_000_000_000, 999_999_999_999))
    return account, "x", account


def client(service, key, secret):
    return boto3.client(service, endpoint_url=ENDPOINT, region_name=REGION, aws_access_key_id=key,
                        aws_secret_access_key=secret, config=Config(retries={"max_attempts": 0}))


def client_token():
    """helper.go GenerateClientToken: 30 random letters."""
    return "".join(random.choice(string.ascii_letters) for _ in range(30))


class TerraformReplayTest(unittest.TestCase):
    def setUp(self):
        key, secret, self.account = credential()
        self.incidents = client("ssm-incidents", key, secret)
        self.contacts = client("ssm-contacts", key, secret)

    def wait_for_status(self, arn, target):
        """resource.StateChangeConf over statusReplicationSet: the first read must already be the target."""
        status = self.incidents.get_replication_set(arn=arn)["replicationSet"]["status"]
        self.assertEqual(status, target)

    def read_replication_set(self, arn):
        """resourceReplicationSetRead: GetReplicationSet, then ListTagsForResource."""
        found = self.incidents.get_replication_set(arn=arn)["replicationSet"]
        tags = self.incidents.list_tags_for_resource(resourceArn=arn)["tags"]
        return found, tags

    def read_response_plan(self, arn):
        """resourceResponsePlanRead: GetResponsePlan, then ListTagsForResource (transparent tagging)."""
        plan = self.incidents.get_response_plan(arn=arn)
        tags = self.incidents.list_tags_for_resource(resourceArn=arn)["tags"]
        return plan, tags

    def update_tags(self, arn, old, new):
        """tags_gen.go updateTags: UntagResource for removed keys, then TagResource for new or changed ones."""
        removed = [k for k in old if k not in new]
        changed = {k: v for k, v in new.items() if old.get(k) != v}
        if removed:
            self.incidents.untag_resource(resourceArn=arn, tagKeys=removed)
        if changed:
            self.incidents.tag_resource(resourceArn=arn, tags=changed)

    def test_replication_set_and_response_plan_lifecycles(self):
        # --- aws_ssmincidents_replication_set: create, wait, read ---
        set_arn = self.incidents.create_replication_set(
            regions={"us-east-1": {}}, clientToken=client_token(), tags={"env": "test"})["arn"]
        self.wait_for_status(set_arn, "ACTIVE")
        found, tags = self.read_replication_set(set_arn)
        self.assertEqual(found["regionMap"]["us-east-1"]["sseKmsKeyId"], "DefaultKey")  # flattenRegions → kms_key_arn default
        self.assertEqual(tags, {"env": "test"})

        try:
            self.response_plan_lifecycle()

            # --- replication set update: a region added, tags changed ---
            self.incidents.update_replication_set(
                arn=set_arn, clientToken=client_token(), actions=[{"addRegionAction": {"regionName": "eu-west-1"}}])
            self.wait_for_status(set_arn, "ACTIVE")
            self.update_tags(set_arn, {"env": "test"}, {"env": "prod", "team": "sre"})
            found, tags = self.read_replication_set(set_arn)
            self.assertEqual(sorted(found["regionMap"]), ["eu-west-1", "us-east-1"])
            self.assertEqual(tags, {"env": "prod", "team": "sre"})

            # --- import: getReplicationSetArn → ListReplicationSets, first ARN; then the read ---
            imported = self.incidents.list_replication_sets()["replicationSetArns"][0]
            self.assertEqual(imported, set_arn)
            self.assertEqual(self.read_replication_set(imported)[1], {"env": "prod", "team": "sre"})
        finally:
            # --- delete, then waitReplicationSetDeleted until GetReplicationSet finds nothing ---
            self.incidents.delete_replication_set(arn=set_arn)
        with self.assertRaises(self.incidents.exceptions.ResourceNotFoundException):
            self.incidents.get_replication_set(arn=set_arn)

    def response_plan_lifecycle(self):
        alias = "tf-" + client_token()[:12].lower()
        contact = self.contacts.create_contact(Alias=alias, Type="PERSONAL", Plan={"Stages": []})["ContactArn"]
        name = "tf-plan-" + client_token()[:10]
        try:
            # resourceResponsePlanCreate: every member, the unset ones as the provider expands them.
            arn = self.incidents.create_response_plan(
                name=name,
                displayName="",
                engagements=[],
                chatChannel={"empty": {}},
                incidentTemplate={"title": "title", "impact": 3, "dedupeString": "", "summary": ""},
                tags={"key": "value"},
            )["arn"]
            plan, tags = self.read_response_plan(arn)
            self.assertEqual(arn, f"arn:aws:ssm-incidents::{self.account}:response-plan/{name}")
            self.assertEqual(plan["incidentTemplate"]["title"], "title")
            self.assertEqual(plan["incidentTemplate"]["impact"], 3)
            # flattenIncidentTemplate keeps "" and absent alike; an empty dedupe string is none.
            self.assertIn(plan["incidentTemplate"].get("dedupeString", ""), [""])
            self.assertEqual(plan.get("displayName", ""), "")
            self.assertEqual(plan.get("engagements", []), [])
            self.assertIn(plan.get("chatChannel"), [None, {"empty": {}}])  # flattenChatChannel: both are an empty set
            self.assertEqual(tags, {"key": "value"})

            # resourceResponsePlanUpdate: changed members only; the template goes flattened, all six.
            self.incidents.update_response_plan(
                arn=arn,
                displayName="Long name",
                engagements=[contact],
                chatChannel={"chatbotSns": ["arn:aws:sns:us-east-1:111122223333:chat"]},
                incidentTemplateImpact=1,
                incidentTemplateTitle="new title",
                incidentTemplateDedupeString="dedupe",
                incidentTemplateSummary="summary",
                incidentTemplateTags={"a": "b"},
                incidentTemplateNotificationTargets=[{"snsTopicArn": "arn:aws:sns:us-east-1:111122223333:topic"}],
                actions=[{"ssmAutomation": {"documentName": "doc", "roleArn": "arn:aws:iam::111122223333:role/r",
                                            "documentVersion": "1", "targetAccount": "RESPONSE_PLAN_OWNER_ACCOUNT",
                                            "parameters": {"p": ["v"]}, "dynamicParameters": {"d": {"variable": "INCIDENT_RECORD_ARN"}}}}],
                integrations=[{"pagerDutyConfiguration": {"name": "pd", "secretId": "s",
                                                          "pagerDutyIncidentConfiguration": {"serviceId": "P1"}}}],
            )
            self.update_tags(arn, {"key": "value"}, {"key": "value2", "other": "x"})
            plan, tags = self.read_response_plan(arn)
            self.assertEqual(plan["incidentTemplate"], {
                "title": "new title", "impact": 1, "dedupeString": "dedupe", "summary": "summary", "incidentTags": {"a": "b"},
                "notificationTargets": [{"snsTopicArn": "arn:aws:sns:us-east-1:111122223333:topic"}]})
            self.assertEqual((plan["displayName"], plan["engagements"]), ("Long name", [contact]))
            self.assertEqual(plan["actions"][0]["ssmAutomation"]["targetAccount"], "RESPONSE_PLAN_OWNER_ACCOUNT")
            self.assertEqual(plan["integrations"][0]["pagerDutyConfiguration"]["pagerDutyIncidentConfiguration"]["serviceId"], "P1")
            self.assertEqual(tags, {"key": "value2", "other": "x"})

            # An update that removes arguments: the provider sends the emptied members.
            self.incidents.update_response_plan(
                arn=arn, engagements=[], chatChannel={"empty": {}}, incidentTemplateImpact=1, incidentTemplateTitle="new title",
                incidentTemplateDedupeString="", incidentTemplateSummary="", incidentTemplateTags={})
            plan, _ = self.read_response_plan(arn)
            self.assertEqual(plan["incidentTemplate"]["title"], "new title")
            self.assertNotIn("dedupeString", plan["incidentTemplate"])
            self.assertNotIn("chatChannel", plan)
            self.assertNotIn("engagements", plan)

            # Import: ImportStatePassthroughContext, the ARN is the id; then the read.
            imported, imported_tags = self.read_response_plan(arn)
            self.assertEqual((imported["name"], imported_tags), (name, {"key": "value2", "other": "x"}))

            # resourceResponsePlanDelete, then CheckDestroy's GetResponsePlan.
            self.incidents.delete_response_plan(arn=arn)
            with self.assertRaises(self.incidents.exceptions.ResourceNotFoundException):
                self.incidents.get_response_plan(arn=arn)
        finally:
            try:
                self.incidents.delete_response_plan(arn=f"arn:aws:ssm-incidents::{self.account}:response-plan/{name}")
            except ClientError:
                pass
            self.contacts.delete_contact(ContactId=contact)


if __name__ == "__main__":
    unittest.main()
