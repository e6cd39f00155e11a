"""boto3 runs whole engagements against a Callout server on the virtual clock.

Run: start Callout with `--clock virtual`, then
    CALLOUT_ENDPOINT=http://127.0.0.1:5000 python3 -m unittest -v test_boto3_engagements

The clock only moves when a test POSTs /_callout/clock/advance, which runs every step due on the
way before it answers, so the timelines below are exact (docs/spec/domain.md §3). Every test works in an
account of its own.
"""

import json
import os
import random
import re
import unittest
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = os.environ["CALLOUT_ENDPOINT"].rstrip("/")
REGION = "us-east-1"
MINUTE = 60_000
CONFIG = Config(retries={"max_attempts": 0})
ACTIVATION_SUBJECT = "Activate your Callout paging channel"

_numbers = iter(range(random.randrange(1_000_000, 8_000_000), 10_000_000))


def client(account):
    # docs/spec/protocol.md §5: a 12-digit access key is the account.
    return boto3.client(
        "ssm-contacts",
        endpoint_url=ENDPOINT,
        region_name=REGION,
        aws_access_key_id=account,
        aws_secret_access_key="x",
        config=CONFIG,
    )


def new_account():
    return str(random.randrange(200_000_000_000, 999_999_999_999))


def ms(value):
    """Epoch milliseconds of a boto3 datetime or of a number of epoch seconds."""
    seconds = value.timestamp() if hasattr(value, "timestamp") else float(value)
    return int(round(seconds * 1000))


def now():
    with urllib.request.urlopen(ENDPOINT + "/_callout/clock") as response:
        clock = json.load(response)
    assert clock["Virtual"], "start Callout with --clock virtual"
    return ms(clock["Now"])


def advance(seconds):
    """Moves the virtual clock; returns once everything due on the way has run."""
    request = urllib.request.Request(
        ENDPOINT + "/_callout/clock/advance",
        data=json.dumps({"seconds": seconds}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        return ms(json.load(response)["Now"])


def advance_to(t0, minutes):
    target = t0 + minutes * MINUTE
    delta = target - now()
    assert delta >= 0 and delta % 1000 == 0, f"cannot move the clock by {delta} ms"
    assert advance(delta // 1000) == target


def outbox(account):
    with urllib.request.urlopen(ENDPOINT + "/_callout/outbox?limit=1000") as response:
        return [m for m in json.load(response)["Messages"] if m["AccountId"] == account]


def is_activation(message):
    return message["Kind"] == "ACTIVATION" or message["Subject"] == ACTIVATION_SUBJECT


def activation_code(account, address):
    for message in outbox(account):  # newest first
        if is_activation(message) and message["Address"] == address:
            match = re.search(r"\b[0-9]( ?[0-9]){5}\b", message["Body"])
            assert match, f"no activation code in {message['Body']!r}"
            return match.group(0).replace(" ", "")
    raise AssertionError(f"no activation message for {address}")


def page_messages(account):
    """The page messages sent in the account, oldest first."""
    messages = [m for m in outbox(account) if m["Kind"] == "PAGE" and not is_activation(m)]
    return sorted(messages, key=lambda m: (ms(m["CreatedAt"]), m["Address"]))


def accept_code(account, address):
    """The accept code in the newest page message to the address."""
    for message in reversed(page_messages(account)):
        if message["Address"] == address:
            match = re.search(r"(?:Reply |Acknowledgement code: )([0-9]{6})\b", message["Body"])
            assert match, f"no accept code in {message['Body']!r}"
            return match.group(1)
    raise AssertionError(f"no page message to {address}")


class EngagementTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.account = new_account()
        self.c = client(self.account)

    def person(self, alias, types=("EMAIL", "SMS", "VOICE"), minutes=5, retry=1):
        """A PERSONAL contact with activated channels and one stage per channel."""
        contact = self.c.create_contact(Alias=alias, Type="PERSONAL", Plan={"Stages": []})["ContactArn"]
        channels = {}
        for kind in types:
            n = next(_numbers)
            address = f"{alias}-{n}@example.com" if kind == "EMAIL" else f"+1555{n:07d}"
            channel = self.c.create_contact_channel(
                ContactId=contact, Name=f"{alias} {kind.lower()}", Type=kind, DeliveryAddress={"SimpleAddress": address}
            )["ContactChannelArn"]
            self.c.activate_contact_channel(ContactChannelId=channel, ActivationCode=activation_code(self.account, address))
            channels[kind] = (channel, address)
        self.c.update_contact(ContactId=contact, Plan={"Stages": [
            {"DurationInMinutes": minutes, "Targets": [{"ChannelTargetInfo": {"ContactChannelId": channels[kind][0], "RetryIntervalInMinutes": retry}}]}
            for kind in types
        ]})
        return contact, channels

    def start(self, contact, **kwargs):
        before = now()
        engagement = self.c.start_engagement(
            ContactId=contact, Sender="tester", Subject="test", Content="Testing engagements",
            PublicSubject="test", PublicContent="Testing engagements", **kwargs,
        )["EngagementArn"]
        t0 = ms(self.c.describe_engagement(EngagementId=engagement)["StartTime"])
        self.assertEqual(t0, before)
        advance(0)
        return engagement, t0

    def pages(self, engagement):
        paginator = self.c.get_paginator("list_pages_by_engagement")
        return [page for result in paginator.paginate(EngagementId=engagement) for page in result["Pages"]]

    def receipts(self, page):
        return self.c.list_page_receipts(PageId=page)["Receipts"]

    def page_on(self, engagement, channel):
        found = [p["PageArn"] for p in self.pages(engagement)
                 if any(r.get("ContactChannelArn") == channel for r in self.receipts(p["PageArn"]))]
        self.assertEqual(len(found), 1, found)
        return found[0]

    def lines(self, page, t0):
        return [f"{r['ReceiptType']}@+{(ms(r['ReceiptTime']) - t0) / MINUTE:g}" for r in self.receipts(page)]

    def timeline(self, t0, channels_by_owner):
        owner_of = {address: f"{owner}/{kind}" for owner, channels in channels_by_owner.items() for kind, (_, address) in channels.items()}
        result = []
        for message in page_messages(self.account):
            offset = ms(message["CreatedAt"]) - t0
            self.assertEqual(offset % MINUTE, 0, message)
            result.append(f"+{offset // MINUTE:02d} {owner_of[message['Address']]}")
        return sorted(result)


def sends(label, first, count=4):
    return [f"+{m:02d} {label}" for m in range(first, first + count)]


class PersonalEngagement(EngagementTestCase):
    def test_a_full_engagement_from_start_to_read(self):
        akuam, channels = self.person("akuam")
        engagement, t0 = self.start(akuam, IncidentId="incident-1")
        self.assertTrue(engagement.startswith(f"arn:aws:ssm-contacts:{REGION}:{self.account}:engagement/akuam/"))

        # t0: the email page goes out; it is retried every minute.
        pages = self.pages(engagement)
        self.assertEqual(len(pages), 1)
        email_page = pages[0]["PageArn"]
        self.assertEqual(self.lines(email_page, t0), ["SENT@+0"])
        self.assertTrue(self.receipts(email_page)[0]["ReceiptInfo"].startswith("outbox-"))
        self.assertNotIn("StopTime", self.c.describe_engagement(EngagementId=engagement))

        # t0+5: the email page was sent four times and the SMS stage began.
        advance_to(t0, 5)
        self.assertEqual(self.timeline(t0, {"akuam": channels}), sorted(sends("akuam/EMAIL", 0) + ["+05 akuam/SMS"]))
        self.assertEqual(self.lines(email_page, t0), ["SENT@+0", "SENT@+1", "SENT@+2", "SENT@+3"])
        self.assertEqual(ms(self.c.describe_page(PageId=email_page)["SentTime"]), t0 + 3 * MINUTE)
        sms_page = self.page_on(engagement, channels["SMS"][0])
        self.assertEqual(len(self.pages(engagement)), 2)

        described = self.c.describe_page(PageId=sms_page)
        self.assertEqual(described["EngagementArn"], engagement)
        self.assertEqual(described["ContactArn"], akuam)
        self.assertEqual(described["Subject"], "test")
        self.assertEqual(described["Content"], "Testing engagements")
        self.assertEqual(described["IncidentId"], "incident-1")
        self.assertEqual(ms(described["SentTime"]), t0 + 5 * MINUTE)

        resolutions = self.c.list_page_resolutions(PageId=sms_page)["PageResolutions"]
        self.assertEqual(resolutions, [{"ContactArn": akuam, "Type": "PERSONAL", "StageIndex": 1}])

        # t0+6: a wrong code is refused under ENFORCE; the right one acknowledges.
        advance_to(t0, 6)
        code = accept_code(self.account, channels["SMS"][1])
        wrong = "111111" if code == "000000" else "000000"
        with self.assertRaises(ClientError) as refused:
            self.c.accept_page(PageId=sms_page, AcceptType="READ", AcceptCode=wrong, AcceptCodeValidation="ENFORCE")
        self.assertEqual(refused.exception.response["Error"]["Code"], "ValidationException")
        self.c.accept_page(PageId=sms_page, AcceptType="READ", AcceptCode=code, AcceptCodeValidation="ENFORCE",
                           ContactChannelId=channels["SMS"][0])

        described = self.c.describe_engagement(EngagementId=engagement)
        self.assertEqual(ms(described["StopTime"]), t0 + 6 * MINUTE)
        page = self.c.describe_page(PageId=sms_page)
        self.assertEqual(ms(page["ReadTime"]), t0 + 6 * MINUTE)
        self.assertEqual(ms(page["DeliveryTime"]), t0 + 6 * MINUTE)
        self.assertEqual(self.lines(sms_page, t0), ["SENT@+5", "SENT@+6", "DELIVERED@+6", "READ@+6"])
        receipts = self.receipts(sms_page)
        self.assertEqual([r["ReceiptInfo"] for r in receipts[2:]], [code, code])
        self.assertEqual(self.lines(email_page, t0), ["SENT@+0", "SENT@+1", "SENT@+2", "SENT@+3", "STOP@+6"])
        self.assertEqual(self.receipts(email_page)[-1]["ReceiptInfo"], "ACKNOWLEDGED_ELSEWHERE")

        # Nothing more is sent; stopping again changes nothing.
        advance_to(t0, 20)
        self.assertEqual(self.timeline(t0, {"akuam": channels}), sorted(sends("akuam/EMAIL", 0) + sends("akuam/SMS", 5, 2)))
        self.c.stop_engagement(EngagementId=engagement, Reason="already acknowledged")
        self.assertEqual(ms(self.c.describe_engagement(EngagementId=engagement)["StopTime"]), t0 + 6 * MINUTE)

        listed = self.c.list_engagements()["Engagements"]
        self.assertEqual([e["EngagementArn"] for e in listed], [engagement])
        self.assertEqual(ms(listed[0]["StopTime"]), t0 + 6 * MINUTE)
        self.assertEqual(listed[0]["IncidentId"], "incident-1")
        by_contact = self.c.list_pages_by_contact(ContactId=akuam)["Pages"]
        self.assertEqual(sorted(p["PageArn"] for p in by_contact), sorted([email_page, sms_page]))

    def test_natural_end_and_stop_engagement(self):
        akuam, channels = self.person("akuam")
        natural, t0 = self.start(akuam)
        advance_to(t0, 14)
        self.assertNotIn("StopTime", self.c.describe_engagement(EngagementId=natural))
        advance_to(t0, 15)
        self.assertEqual(ms(self.c.describe_engagement(EngagementId=natural)["StopTime"]), t0 + 15 * MINUTE)
        self.assertEqual(self.timeline(t0, {"akuam": channels}),
                         sorted(sends("akuam/EMAIL", 0) + sends("akuam/SMS", 5) + sends("akuam/VOICE", 10)))

        stopped, s0 = self.start(akuam)
        advance_to(s0, 2)
        self.c.stop_engagement(EngagementId=stopped)
        self.assertEqual(ms(self.c.describe_engagement(EngagementId=stopped)["StopTime"]), s0 + 2 * MINUTE)
        page = self.pages(stopped)[0]["PageArn"]
        receipts = self.receipts(page)
        self.assertEqual([r["ReceiptType"] for r in receipts], ["SENT", "SENT", "SENT", "STOP"])
        self.assertEqual(receipts[-1]["ReceiptInfo"], "ENGAGEMENT_STOPPED")
        advance_to(s0, 20)
        self.assertEqual(len(self.receipts(page)), 4)

        self.assertEqual([e["EngagementArn"] for e in self.c.list_engagements()["Engagements"]], [stopped, natural])

    def test_an_empty_plan_cannot_be_engaged_and_unknown_ids_are_not_found(self):
        contact = self.c.create_contact(Alias="empty", Type="PERSONAL", Plan={"Stages": []})["ContactArn"]
        with self.assertRaises(ClientError) as refused:
            self.c.start_engagement(ContactId=contact, Sender="tester", Subject="s", Content="c")
        self.assertEqual(refused.exception.response["Error"]["Code"], "ValidationException")

        unknown = f"arn:aws:ssm-contacts:{REGION}:{self.account}:engagement/empty/00000000-0000-4000-8000-000000000000"
        with self.assertRaises(self.c.exceptions.ResourceNotFoundException):
            self.c.describe_engagement(EngagementId=unknown)
        with self.assertRaises(self.c.exceptions.ResourceNotFoundException):
            self.c.accept_page(PageId=unknown.replace("engagement/", "page/"), AcceptType="READ", AcceptCode="123456")


class EscalationEngagement(EngagementTestCase):
    def test_an_escalation_pages_each_person_in_turn_until_the_essential_one_reads(self):
        akuam, akuam_channels = self.person("akuam", types=("EMAIL", "SMS"))
        alejr, alejr_channels = self.person("alejr", types=("EMAIL", "SMS"))
        escalation = self.c.create_contact(Alias="example_escalation", DisplayName="Example Escalation Plan", Type="ESCALATION", Plan={"Stages": [
            {"DurationInMinutes": 5, "Targets": [{"ContactTargetInfo": {"ContactId": akuam, "IsEssential": True}}]},
            {"DurationInMinutes": 5, "Targets": [{"ContactTargetInfo": {"ContactId": alejr, "IsEssential": False}}]},
        ]})["ContactArn"]
        engagement, t0 = self.start(escalation)

        advance_to(t0, 7)
        self.assertEqual(self.timeline(t0, {"akuam": akuam_channels, "alejr": alejr_channels}),
                         sorted(sends("akuam/EMAIL", 0) + sends("akuam/SMS", 5, 3) + sends("alejr/EMAIL", 5, 3)))
        pages = self.pages(engagement)
        self.assertEqual(sorted(p["ContactArn"] for p in pages), sorted([akuam, akuam, alejr]))
        self.assertTrue(all(p["EngagementArn"] == engagement for p in pages))

        alejr_page = self.page_on(engagement, alejr_channels["EMAIL"][0])
        self.assertEqual(self.c.list_page_resolutions(PageId=alejr_page)["PageResolutions"], [
            {"ContactArn": escalation, "Type": "ESCALATION", "StageIndex": 1},
            {"ContactArn": alejr, "Type": "PERSONAL", "StageIndex": 0},
        ])
        self.assertEqual(self.c.list_pages_by_contact(ContactId=escalation)["Pages"], [])

        # alejr is not essential: his READ stops only him.
        self.c.accept_page(PageId=alejr_page, AcceptType="READ", AcceptCode=accept_code(self.account, alejr_channels["EMAIL"][1]),
                           AcceptCodeValidation="ENFORCE")
        self.assertNotIn("StopTime", self.c.describe_engagement(EngagementId=engagement))

        # akuam is essential: her READ at +8 stops everything.
        advance_to(t0, 8)
        akuam_sms = self.page_on(engagement, akuam_channels["SMS"][0])
        self.c.accept_page(PageId=akuam_sms, AcceptType="READ", AcceptCode=accept_code(self.account, akuam_channels["SMS"][1]),
                           AcceptCodeValidation="ENFORCE")
        self.assertEqual(ms(self.c.describe_engagement(EngagementId=engagement)["StopTime"]), t0 + 8 * MINUTE)

        advance_to(t0, 30)
        self.assertEqual(self.timeline(t0, {"akuam": akuam_channels, "alejr": alejr_channels}),
                         sorted(sends("akuam/EMAIL", 0) + sends("akuam/SMS", 5) + sends("alejr/EMAIL", 5, 3)))
        self.assertEqual(len(self.pages(engagement)), 3)
        self.assertEqual([e["EngagementArn"] for e in self.c.list_engagements()["Engagements"]], [engagement])


if __name__ == "__main__":
    unittest.main()
