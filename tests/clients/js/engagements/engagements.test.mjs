// AWS SDK for JavaScript v3 runs whole engagements against a Callout server on the virtual clock.
//   (start Callout with --clock virtual)  CALLOUT_ENDPOINT=http://127.0.0.1:5000 node --test engagements/
// The clock only moves when a test POSTs /_callout/clock/advance, which runs every step due on the
// way before it answers, so the timelines are exact (docs/spec/domain.md §3). The tests of this file run
// one after another (node:test's default), each in an account of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import {
    AcceptPageCommand,
    ActivateContactChannelCommand,
    CreateContactChannelCommand,
    CreateContactCommand,
    DescribeEngagementCommand,
    DescribePageCommand,
    ListEngagementsCommand,
    ListPageReceiptsCommand,
    ListPageResolutionsCommand,
    ListPagesByContactCommand,
    SSMContactsClient,
    StartEngagementCommand,
    StopEngagementCommand,
    UpdateContactCommand,
    paginateListPagesByEngagement,
} from '@aws-sdk/client-ssm-contacts';

const endpoint = process.env.CALLOUT_ENDPOINT?.replace(/\/+$/, '');
if (!endpoint) {
    throw new Error('set CALLOUT_ENDPOINT to the server URL');
}
const region = 'us-east-1';
const MINUTE = 60_000;
const ACTIVATION_SUBJECT = 'Activate your Callout paging channel';
let number = randomInt(1_000_000, 8_000_000);

// docs/spec/protocol.md §8 (JS v3); a 12-digit access key is the account (§5). maxAttempts 1: no retries.
function account() {
    const id = String(randomInt(200_000_000_000, 999_999_999_999));
    const client = new SSMContactsClient({
        region,
        endpoint,
        credentials: { accessKeyId: id, secretAccessKey: 'x' },
        maxAttempts: 1,
    });
    return { id, send: (command) => client.send(command), client };
}

const ms = (value) => (value instanceof Date ? value.getTime() : Math.round(Number(value) * 1000));

async function now() {
    const response = await fetch(`${endpoint}/_callout/clock`);
    assert.equal(response.status, 200);
    const clock = await response.json();
    assert.equal(clock.Virtual, true, 'start Callout with --clock virtual');
    return ms(clock.Now);
}

async function advance(seconds) {
    const response = await fetch(`${endpoint}/_callout/clock/advance`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ seconds }),
    });
    const text = await response.text();
    assert.equal(response.status, 200, text);
    return ms(JSON.parse(text).Now);
}

async function advanceTo(t0, minutes) {
    const target = t0 + minutes * MINUTE;
    const delta = target - (await now());
    assert.ok(delta >= 0 && delta % 1000 === 0, `cannot move the clock by ${delta} ms`);
    assert.equal(await advance(delta / 1000), target);
}

async function outbox(accountId) {
    const response = await fetch(`${endpoint}/_callout/outbox?limit=1000`);
    assert.equal(response.status, 200);
    return (await response.json()).Messages.filter((m) => m.AccountId === accountId);
}

const isActivation = (m) => m.Kind === 'ACTIVATION' || m.Subject === ACTIVATION_SUBJECT;

async function activationCode(accountId, address) {
    const message = (await outbox(accountId)).find((m) => isActivation(m) && m.Address === address);
    assert.ok(message, `no activation message for ${address}`);
    const match = /\b[0-9]( ?[0-9]){5}\b/.exec(message.Body);
    assert.ok(match, `no activation code in ${message.Body}`);
    return match[0].replaceAll(' ', '');
}

// Page messages of the account, oldest first.
async function pageMessages(accountId) {
    return (await outbox(accountId))
        .filter((m) => m.Kind === 'PAGE' && !isActivation(m))
        .sort((a, b) => ms(a.CreatedAt) - ms(b.CreatedAt) || a.Address.localeCompare(b.Address));
}

async function acceptCode(accountId, address) {
    const message = (await pageMessages(accountId)).filter((m) => m.Address === address).at(-1);
    assert.ok(message, `no page message to ${address}`);
    const match = /(?:Reply |Acknowledgement code: )([0-9]{6})\b/.exec(message.Body);
    assert.ok(match, `no accept code in ${message.Body}`);
    return match[1];
}

// A PERSONAL contact with activated channels, one 5-minute stage per channel, retried every minute.
async function person(acct, alias, types = ['EMAIL', 'SMS', 'VOICE']) {
    const { ContactArn } = await acct.send(new CreateContactCommand({ Alias: alias, Type: 'PERSONAL', Plan: { Stages: [] } }));
    const channels = {};
    for (const Type of types) {
        const n = ++number;
        const address = Type === 'EMAIL' ? `${alias}-${n}@example.com` : `+1555${String(n).padStart(7, '0')}`;
        const { ContactChannelArn } = await acct.send(new CreateContactChannelCommand({
            ContactId: ContactArn, Name: `${alias} ${Type.toLowerCase()}`, Type, DeliveryAddress: { SimpleAddress: address },
        }));
        await acct.send(new ActivateContactChannelCommand({ ContactChannelId: ContactChannelArn, ActivationCode: await activationCode(acct.id, address) }));
        channels[Type] = { arn: ContactChannelArn, address };
    }
    await acct.send(new UpdateContactCommand({
        ContactId: ContactArn,
        Plan: { Stages: types.map((t) => ({ DurationInMinutes: 5, Targets: [{ ChannelTargetInfo: { ContactChannelId: channels[t].arn, RetryIntervalInMinutes: 1 } }] })) },
    }));
    return { arn: ContactArn, alias, channels };
}

async function start(acct, ContactId, extra = {}) {
    const before = await now();
    const { EngagementArn } = await acct.send(new StartEngagementCommand({
        ContactId, Sender: 'tester', Subject: 'test', Content: 'Testing engagements', PublicSubject: 'test', PublicContent: 'Testing engagements', ...extra,
    }));
    const t0 = ms((await acct.send(new DescribeEngagementCommand({ EngagementId: EngagementArn }))).StartTime);
    assert.equal(t0, before);
    await advance(0);
    return { engagement: EngagementArn, t0 };
}

async function pages(acct, EngagementId) {
    const all = [];
    for await (const result of paginateListPagesByEngagement({ client: acct.client }, { EngagementId })) {
        all.push(...result.Pages);
    }
    return all;
}

const receipts = async (acct, PageId) => (await acct.send(new ListPageReceiptsCommand({ PageId }))).Receipts;

async function pageOn(acct, engagement, channel) {
    const found = [];
    for (const page of await pages(acct, engagement)) {
        if ((await receipts(acct, page.PageArn)).some((r) => r.ContactChannelArn === channel.arn)) {
            found.push(page.PageArn);
        }
    }
    assert.equal(found.length, 1, JSON.stringify(found));
    return found[0];
}

const lines = async (acct, page, t0) => (await receipts(acct, page)).map((r) => `${r.ReceiptType}@+${(ms(r.ReceiptTime) - t0) / MINUTE}`);

async function timeline(acct, t0, ...people) {
    const owner = new Map(people.flatMap((p) => Object.entries(p.channels).map(([type, c]) => [c.address, `${p.alias}/${type}`])));
    return (await pageMessages(acct.id)).map((m) => {
        const offset = ms(m.CreatedAt) - t0;
        assert.equal(offset % MINUTE, 0, JSON.stringify(m));
        return `+${String(offset / MINUTE).padStart(2, '0')} ${owner.get(m.Address)}`;
    }).sort();
}

const sends = (label, first, count = 4) => Array.from({ length: count }, (_, i) => `+${String(first + i).padStart(2, '0')} ${label}`);

test('a personal engagement runs its plan minute by minute until an ENFORCEd READ', async () => {
    const acct = account();
    const akuam = await person(acct, 'akuam');
    const { engagement, t0 } = await start(acct, akuam.arn, { IncidentId: 'incident-1' });
    assert.ok(engagement.startsWith(`arn:aws:ssm-contacts:${region}:${acct.id}:engagement/akuam/`));

    const first = await pages(acct, engagement);
    assert.equal(first.length, 1);
    const emailPage = first[0].PageArn;
    assert.deepEqual(await lines(acct, emailPage, t0), ['SENT@+0']);
    assert.equal((await acct.send(new DescribeEngagementCommand({ EngagementId: engagement }))).StopTime, undefined);

    await advanceTo(t0, 6);
    assert.deepEqual(await timeline(acct, t0, akuam), [...sends('akuam/EMAIL', 0), ...sends('akuam/SMS', 5, 2)].sort());
    assert.deepEqual(await lines(acct, emailPage, t0), ['SENT@+0', 'SENT@+1', 'SENT@+2', 'SENT@+3']);
    const smsPage = await pageOn(acct, engagement, akuam.channels.SMS);

    const described = await acct.send(new DescribePageCommand({ PageId: smsPage }));
    assert.equal(described.EngagementArn, engagement);
    assert.equal(described.ContactArn, akuam.arn);
    assert.equal(described.Subject, 'test');
    assert.equal(described.Content, 'Testing engagements');
    assert.equal(described.IncidentId, 'incident-1');
    assert.equal(ms(described.SentTime), t0 + 6 * MINUTE);
    assert.deepEqual((await acct.send(new ListPageResolutionsCommand({ PageId: smsPage }))).PageResolutions,
        [{ ContactArn: akuam.arn, Type: 'PERSONAL', StageIndex: 1 }]);

    const code = await acceptCode(acct.id, akuam.channels.SMS.address);
    let refused;
    try {
        await acct.send(new AcceptPageCommand({ PageId: smsPage, AcceptType: 'READ', AcceptCode: code === '000000' ? '111111' : '000000', AcceptCodeValidation: 'ENFORCE' }));
    } catch (e) {
        refused = e;
    }
    assert.equal(refused?.name, 'ValidationException');
    await acct.send(new AcceptPageCommand({
        PageId: smsPage, AcceptType: 'READ', AcceptCode: code, AcceptCodeValidation: 'ENFORCE', ContactChannelId: akuam.channels.SMS.arn,
    }));

    const stopped = await acct.send(new DescribeEngagementCommand({ EngagementId: engagement }));
    assert.equal(ms(stopped.StopTime), t0 + 6 * MINUTE);
    assert.deepEqual(await lines(acct, smsPage, t0), ['SENT@+5', 'SENT@+6', 'DELIVERED@+6', 'READ@+6']);
    assert.deepEqual((await receipts(acct, smsPage)).slice(2).map((r) => r.ReceiptInfo), [code, code]);
    const read = await acct.send(new DescribePageCommand({ PageId: smsPage }));
    assert.equal(ms(read.ReadTime), t0 + 6 * MINUTE);
    assert.equal(ms(read.DeliveryTime), t0 + 6 * MINUTE);
    const emailReceipts = await receipts(acct, emailPage);
    assert.equal(emailReceipts.at(-1).ReceiptType, 'STOP');
    assert.equal(emailReceipts.at(-1).ReceiptInfo, 'ACKNOWLEDGED_ELSEWHERE');

    await advanceTo(t0, 20);
    assert.deepEqual(await timeline(acct, t0, akuam), [...sends('akuam/EMAIL', 0), ...sends('akuam/SMS', 5, 2)].sort());
    await acct.send(new StopEngagementCommand({ EngagementId: engagement }));
    assert.equal(ms((await acct.send(new DescribeEngagementCommand({ EngagementId: engagement }))).StopTime), t0 + 6 * MINUTE);

    const { Engagements } = await acct.send(new ListEngagementsCommand({}));
    assert.deepEqual(Engagements.map((e) => e.EngagementArn), [engagement]);
    assert.equal(ms(Engagements[0].StopTime), t0 + 6 * MINUTE);
    const byContact = (await acct.send(new ListPagesByContactCommand({ ContactId: akuam.arn }))).Pages.map((p) => p.PageArn).sort();
    assert.deepEqual(byContact, [emailPage, smsPage].sort());
});

test('an engagement with no acknowledgement ends with its plan; StopEngagement ends it early', async () => {
    const acct = account();
    const akuam = await person(acct, 'akuam');
    const natural = await start(acct, akuam.arn);
    await advanceTo(natural.t0, 14);
    assert.equal((await acct.send(new DescribeEngagementCommand({ EngagementId: natural.engagement }))).StopTime, undefined);
    await advanceTo(natural.t0, 15);
    assert.equal(ms((await acct.send(new DescribeEngagementCommand({ EngagementId: natural.engagement }))).StopTime), natural.t0 + 15 * MINUTE);
    assert.deepEqual(await timeline(acct, natural.t0, akuam),
        [...sends('akuam/EMAIL', 0), ...sends('akuam/SMS', 5), ...sends('akuam/VOICE', 10)].sort());

    const early = await start(acct, akuam.arn);
    await advanceTo(early.t0, 2);
    await acct.send(new StopEngagementCommand({ EngagementId: early.engagement, Reason: 'false alarm' }));
    assert.equal(ms((await acct.send(new DescribeEngagementCommand({ EngagementId: early.engagement }))).StopTime), early.t0 + 2 * MINUTE);
    const [page] = await pages(acct, early.engagement);
    assert.deepEqual(await lines(acct, page.PageArn, early.t0), ['SENT@+0', 'SENT@+1', 'SENT@+2', 'STOP@+2']);
    assert.equal((await receipts(acct, page.PageArn)).at(-1).ReceiptInfo, 'ENGAGEMENT_STOPPED');
    await advanceTo(early.t0, 20);
    assert.equal((await receipts(acct, page.PageArn)).length, 4);
});

test('an escalation reaches each person in turn and stops when the essential one reads', async () => {
    const acct = account();
    const akuam = await person(acct, 'akuam', ['EMAIL', 'SMS']);
    const alejr = await person(acct, 'alejr', ['EMAIL', 'SMS']);
    const { ContactArn: escalation } = await acct.send(new CreateContactCommand({
        Alias: 'example_escalation', DisplayName: 'Example Escalation Plan', Type: 'ESCALATION',
        Plan: {
            Stages: [
                { DurationInMinutes: 5, Targets: [{ ContactTargetInfo: { ContactId: akuam.arn, IsEssential: true } }] },
                { DurationInMinutes: 5, Targets: [{ ContactTargetInfo: { ContactId: alejr.arn, IsEssential: false } }] },
            ],
        },
    }));
    const { engagement, t0 } = await start(acct, escalation);

    await advanceTo(t0, 7);
    assert.deepEqual(await timeline(acct, t0, akuam, alejr),
        [...sends('akuam/EMAIL', 0), ...sends('akuam/SMS', 5, 3), ...sends('alejr/EMAIL', 5, 3)].sort());
    const all = await pages(acct, engagement);
    assert.deepEqual(all.map((p) => p.ContactArn).sort(), [akuam.arn, akuam.arn, alejr.arn].sort());
    assert.ok(all.every((p) => p.EngagementArn === engagement));

    const alejrPage = await pageOn(acct, engagement, alejr.channels.EMAIL);
    assert.deepEqual((await acct.send(new ListPageResolutionsCommand({ PageId: alejrPage }))).PageResolutions, [
        { ContactArn: escalation, Type: 'ESCALATION', StageIndex: 1 },
        { ContactArn: alejr.arn, Type: 'PERSONAL', StageIndex: 0 },
    ]);

    // alejr is not essential: the escalation goes on.
    await acct.send(new AcceptPageCommand({
        PageId: alejrPage, AcceptType: 'READ', AcceptCode: await acceptCode(acct.id, alejr.channels.EMAIL.address), AcceptCodeValidation: 'ENFORCE',
    }));
    assert.equal((await acct.send(new DescribeEngagementCommand({ EngagementId: engagement }))).StopTime, undefined);

    // akuam is essential: her READ ends it.
    await advanceTo(t0, 8);
    const akuamSms = await pageOn(acct, engagement, akuam.channels.SMS);
    await acct.send(new AcceptPageCommand({
        PageId: akuamSms, AcceptType: 'READ', AcceptCode: await acceptCode(acct.id, akuam.channels.SMS.address), AcceptCodeValidation: 'ENFORCE',
    }));
    assert.equal(ms((await acct.send(new DescribeEngagementCommand({ EngagementId: engagement }))).StopTime), t0 + 8 * MINUTE);

    await advanceTo(t0, 30);
    assert.deepEqual(await timeline(acct, t0, akuam, alejr),
        [...sends('akuam/EMAIL', 0), ...sends('akuam/SMS', 5), ...sends('alejr/EMAIL', 5, 3)].sort());
    assert.equal((await pages(acct, engagement)).length, 3);
});
