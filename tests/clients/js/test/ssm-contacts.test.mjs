// AWS SDK for JavaScript v3 against a running Callout server; drives all 18 served operations.
//   CALLOUT_ENDPOINT=http://127.0.0.1:5000 node --test test/
// Every run works under its own alias prefix, so it can run again against the same server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import {
    ActivateContactChannelCommand,
    CreateContactChannelCommand,
    CreateContactCommand,
    DeactivateContactChannelCommand,
    DeleteContactChannelCommand,
    DeleteContactCommand,
    GetContactChannelCommand,
    GetContactCommand,
    GetContactPolicyCommand,
    ListContactChannelsCommand,
    ListContactsCommand,
    ListTagsForResourceCommand,
    PutContactPolicyCommand,
    SendActivationCodeCommand,
    SSMContactsClient,
    TagResourceCommand,
    UntagResourceCommand,
    UpdateContactChannelCommand,
    UpdateContactCommand,
    paginateListContacts,
} from '@aws-sdk/client-ssm-contacts';

const endpoint = process.env.CALLOUT_ENDPOINT?.replace(/\/+$/, '');
if (!endpoint) {
    throw new Error('set CALLOUT_ENDPOINT to the server URL');
}
const account = '111122223333';
const region = 'us-east-1';
const run = `js${randomUUID().slice(0, 8)}`;
let counter = 0;

// docs/spec/protocol.md §8 (JS v3); a 12-digit access key is the account (§5). maxAttempts 1: no retries.
const client = new SSMContactsClient({
    region,
    endpoint,
    credentials: { accessKeyId: account, secretAccessKey: 'x' },
    maxAttempts: 1,
});

const send = (command) => client.send(command);
const alias = (name) => `${run}-${++counter}-${name}`;
const arn = (resource) => `arn:aws:ssm-contacts:${region}:${account}:${resource}`;
const phone = () => `+1555${String(randomInt(10_000_000)).padStart(7, '0')}`;
const emptyPlan = () => ({ Stages: [] });

async function newContact(name, Type = 'PERSONAL', extra = {}) {
    const { ContactArn } = await send(new CreateContactCommand({ Alias: alias(name), Type, Plan: emptyPlan(), ...extra }));
    return ContactArn;
}

// Expects a modeled error and returns it (SDK errors carry the modeled members as properties).
async function rejects(name, command) {
    let error;
    try {
        await send(command);
    } catch (e) {
        error = e;
    }
    assert.ok(error, `expected ${name}, but ${command.constructor.name} succeeded`);
    assert.equal(error.name, name, error.message);
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.ok(error.message);
    return error;
}

// The code in the newest activation message sent to `address` (GET /_callout/outbox, newest first).
async function activationCode(address) {
    const response = await fetch(`${endpoint}/_callout/outbox`);
    assert.equal(response.status, 200);
    const { Messages } = await response.json();
    const message = Messages.find((m) => m.Kind === 'ACTIVATION' && m.Address === address && m.AccountId === account);
    assert.ok(message, `no activation message for ${address}`);
    const match = /\b(\d{6})\b/.exec(message.Body);
    assert.ok(match, `no 6-digit code in ${message.Body}`);
    return match[1];
}

test('create, get, update and delete a contact', async () => {
    const name = alias('crud');
    const { ContactArn } = await send(new CreateContactCommand({ Alias: name, DisplayName: 'Akua Mansa', Type: 'PERSONAL', Plan: emptyPlan() }));
    assert.equal(ContactArn, arn(`contact/${name}`));

    const got = await send(new GetContactCommand({ ContactId: ContactArn }));
    assert.deepEqual(
        { ContactArn: got.ContactArn, Alias: got.Alias, DisplayName: got.DisplayName, Type: got.Type, Plan: got.Plan },
        { ContactArn, Alias: name, DisplayName: 'Akua Mansa', Type: 'PERSONAL', Plan: { Stages: [] } },
    );
    assert.equal(got.$metadata.httpStatusCode, 200);
    assert.ok(got.$metadata.requestId);

    await send(new UpdateContactCommand({ ContactId: ContactArn, DisplayName: 'Akua M' }));
    assert.equal((await send(new GetContactCommand({ ContactId: ContactArn }))).DisplayName, 'Akua M');
    await send(new UpdateContactCommand({ ContactId: ContactArn, DisplayName: '' }));
    assert.equal((await send(new GetContactCommand({ ContactId: ContactArn }))).DisplayName, undefined);

    await send(new DeleteContactCommand({ ContactId: ContactArn }));
    const error = await rejects('ResourceNotFoundException', new GetContactCommand({ ContactId: ContactArn }));
    assert.equal(error.ResourceType, 'CONTACT');
    assert.equal(error.ResourceId, ContactArn);
    await rejects('ResourceNotFoundException', new DeleteContactCommand({ ContactId: ContactArn }));
});

test('an escalation plan round-trips', async () => {
    const person = await newContact('person');
    const Plan = {
        Stages: [
            { DurationInMinutes: 5, Targets: [{ ContactTargetInfo: { ContactId: person, IsEssential: true } }] },
            { DurationInMinutes: 0, Targets: [{ ContactTargetInfo: { ContactId: person, IsEssential: false } }] },
        ],
    };
    const escalation = await newContact('escalation', 'ESCALATION', { DisplayName: 'Example Escalation Plan', Plan });
    const got = await send(new GetContactCommand({ ContactId: escalation }));
    assert.equal(got.Type, 'ESCALATION');
    assert.deepEqual(got.Plan, Plan);
});

test('paginateListContacts walks every page with filters', async () => {
    const prefix = `${alias('page')}-`;
    const created = {};
    for (const [name, Type] of [['a', 'PERSONAL'], ['b', 'PERSONAL'], ['c', 'ESCALATION'], ['d', 'PERSONAL'], ['e', 'PERSONAL']]) {
        created[prefix + name] = (await send(new CreateContactCommand({ Alias: prefix + name, Type, Plan: emptyPlan() }))).ContactArn;
    }
    // Shares the prefix's text but not its trailing "-".
    await send(new CreateContactCommand({ Alias: `${prefix.slice(0, -1)}x`, Type: 'PERSONAL', Plan: emptyPlan() }));

    const pages = [];
    for await (const page of paginateListContacts({ client, pageSize: 2 }, { AliasPrefix: prefix })) {
        pages.push(page);
    }
    assert.deepEqual(pages.map((p) => p.Contacts.length), [2, 2, 1]);
    assert.equal(pages.at(-1).NextToken, undefined);
    const listed = Object.fromEntries(pages.flatMap((p) => p.Contacts).map((c) => [c.Alias, c.ContactArn]));
    assert.deepEqual(listed, created);

    const personal = [];
    for await (const page of paginateListContacts({ client, pageSize: 2 }, { AliasPrefix: prefix, Type: 'PERSONAL' })) {
        personal.push(...page.Contacts);
    }
    assert.deepEqual(personal.map((c) => c.Alias).sort(), ['a', 'b', 'd', 'e'].map((n) => prefix + n));
    assert.ok(personal.every((c) => c.Type === 'PERSONAL'));

    const escalations = await send(new ListContactsCommand({ AliasPrefix: prefix, Type: 'ESCALATION' }));
    assert.deepEqual(escalations.Contacts.map((c) => c.Alias), [`${prefix}c`]);
});

test('idempotency token replays, duplicate alias conflicts', async () => {
    const IdempotencyToken = randomUUID();
    const name = alias('idem');
    const first = await send(new CreateContactCommand({ Alias: name, Type: 'PERSONAL', Plan: emptyPlan(), IdempotencyToken }));
    const again = await send(new CreateContactCommand({ Alias: name, Type: 'PERSONAL', Plan: emptyPlan(), IdempotencyToken }));
    assert.equal(again.ContactArn, first.ContactArn);
    await rejects('ConflictException', new CreateContactCommand({ Alias: alias('idem-other'), Type: 'PERSONAL', Plan: emptyPlan(), IdempotencyToken }));

    const conflict = await rejects('ConflictException', new CreateContactCommand({ Alias: name, Type: 'PERSONAL', Plan: emptyPlan() }));
    assert.equal(conflict.ResourceId, first.ContactArn);
    assert.equal(conflict.ResourceType, 'CONTACT');
});

test('validation errors carry reason and fields', async () => {
    const error = await rejects('ValidationException', new CreateContactCommand({ Alias: 'UPPER!', Type: 'PERSONAL', Plan: emptyPlan() }));
    assert.equal(error.Reason, 'FIELD_VALIDATION_FAILED');
    assert.deepEqual(error.Fields.map((f) => f.Name), ['alias']);
    assert.match(error.message, /UPPER!/);
});

test('a missing contact is not found everywhere', async () => {
    const missing = arn(`contact/${alias('missing')}`);
    for (const command of [
        new GetContactCommand({ ContactId: missing }),
        new UpdateContactCommand({ ContactId: missing, DisplayName: 'x' }),
        new ListContactChannelsCommand({ ContactId: missing }),
        new GetContactPolicyCommand({ ContactArn: missing }),
        new ListTagsForResourceCommand({ ResourceARN: missing }),
    ]) {
        const error = await rejects('ResourceNotFoundException', command);
        assert.equal(error.ResourceType, 'CONTACT', command.constructor.name);
        assert.equal(error.ResourceId, missing, command.constructor.name);
    }
});

test('a channel goes through its whole lifecycle', async () => {
    const contact = await newContact('channels');
    const address = phone();
    const { ContactChannelArn: channel } = await send(new CreateContactChannelCommand({
        ContactId: contact, Name: 'mobile sms', Type: 'SMS', DeliveryAddress: { SimpleAddress: address },
    }));
    assert.ok(channel.startsWith(`${contact.replace(':contact/', ':contact-channel/')}/`), channel);

    const got = await send(new GetContactChannelCommand({ ContactChannelId: channel }));
    assert.deepEqual(
        { ContactArn: got.ContactArn, ContactChannelArn: got.ContactChannelArn, Name: got.Name, Type: got.Type, DeliveryAddress: got.DeliveryAddress, ActivationStatus: got.ActivationStatus },
        { ContactArn: contact, ContactChannelArn: channel, Name: 'mobile sms', Type: 'SMS', DeliveryAddress: { SimpleAddress: address }, ActivationStatus: 'NOT_ACTIVATED' },
    );
    const status = async () => (await send(new GetContactChannelCommand({ ContactChannelId: channel }))).ActivationStatus;

    const code = await activationCode(address);
    await rejects('ValidationException', new ActivateContactChannelCommand({ ContactChannelId: channel, ActivationCode: code === '000000' ? '111111' : '000000' }));
    await send(new ActivateContactChannelCommand({ ContactChannelId: channel, ActivationCode: code }));
    assert.equal(await status(), 'ACTIVATED');
    await rejects('ValidationException', new SendActivationCodeCommand({ ContactChannelId: channel }));

    await send(new DeactivateContactChannelCommand({ ContactChannelId: channel }));
    assert.equal(await status(), 'NOT_ACTIVATED');

    await send(new SendActivationCodeCommand({ ContactChannelId: channel }));
    await send(new ActivateContactChannelCommand({ ContactChannelId: channel, ActivationCode: await activationCode(address) }));
    assert.equal(await status(), 'ACTIVATED');

    // A rename keeps the status; a new address must be confirmed again (domain.md §2.2).
    await send(new UpdateContactChannelCommand({ ContactChannelId: channel, Name: 'work sms' }));
    assert.equal(await status(), 'ACTIVATED');
    const newAddress = phone();
    await send(new UpdateContactChannelCommand({ ContactChannelId: channel, DeliveryAddress: { SimpleAddress: newAddress } }));
    const moved = await send(new GetContactChannelCommand({ ContactChannelId: channel }));
    assert.deepEqual([moved.Name, moved.DeliveryAddress.SimpleAddress, moved.ActivationStatus], ['work sms', newAddress, 'NOT_ACTIVATED']);
    await send(new ActivateContactChannelCommand({ ContactChannelId: channel, ActivationCode: await activationCode(newAddress) }));
    assert.equal(await status(), 'ACTIVATED');

    const { ContactChannelArn: email } = await send(new CreateContactChannelCommand({
        ContactId: contact, Name: 'mail', Type: 'EMAIL', DeliveryAddress: { SimpleAddress: `${run}@example.com` }, DeferActivation: true,
    }));
    const { ContactChannels } = await send(new ListContactChannelsCommand({ ContactId: contact }));
    assert.deepEqual(ContactChannels.map((c) => c.ContactChannelArn).sort(), [channel, email].sort());

    // A personal plan over its own channels.
    const Plan = { Stages: [channel, email].map((id) => ({ DurationInMinutes: 5, Targets: [{ ChannelTargetInfo: { ContactChannelId: id, RetryIntervalInMinutes: 1 } }] })) };
    await send(new UpdateContactCommand({ ContactId: contact, Plan }));
    assert.deepEqual((await send(new GetContactCommand({ ContactId: contact }))).Plan, Plan);

    await send(new DeleteContactChannelCommand({ ContactChannelId: email }));
    const error = await rejects('ResourceNotFoundException', new GetContactChannelCommand({ ContactChannelId: email }));
    assert.equal(error.ResourceType, 'CONTACT_CHANNEL');
    assert.deepEqual((await send(new ListContactChannelsCommand({ ContactId: contact }))).ContactChannels.map((c) => c.ContactChannelArn), [channel]);
});

test('send activation code is limited per channel', async () => {
    const contact = await newContact('quota');
    const { ContactChannelArn } = await send(new CreateContactChannelCommand({
        ContactId: contact, Name: 'mail', Type: 'EMAIL', DeliveryAddress: { SimpleAddress: `quota-${run}@example.com` }, DeferActivation: true,
    }));
    for (let i = 0; i < 5; i++) {
        await send(new SendActivationCodeCommand({ ContactChannelId: ContactChannelArn }));
    }
    const error = await rejects('ServiceQuotaExceededException', new SendActivationCodeCommand({ ContactChannelId: ContactChannelArn }));
    assert.equal(error.ServiceCode, 'ssm-contacts');
    assert.ok(error.QuotaCode);
});

test('tags are added, listed and removed', async () => {
    const contact = await newContact('tags', 'PERSONAL', { Tags: [{ Key: 'team', Value: 'blue' }] });
    assert.deepEqual((await send(new ListTagsForResourceCommand({ ResourceARN: contact }))).Tags, [{ Key: 'team', Value: 'blue' }]);

    await send(new TagResourceCommand({ ResourceARN: contact, Tags: [{ Key: 'group1', Value: '1' }, { Key: 'team', Value: 'red' }] }));
    const tags = (await send(new ListTagsForResourceCommand({ ResourceARN: contact }))).Tags;
    assert.deepEqual(tags.map((t) => `${t.Key}=${t.Value}`).sort(), ['group1=1', 'team=red']);

    await send(new UntagResourceCommand({ ResourceARN: contact, TagKeys: ['group1'] }));
    assert.deepEqual((await send(new ListTagsForResourceCommand({ ResourceARN: contact }))).Tags, [{ Key: 'team', Value: 'red' }]);

    const tooMany = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const error = await rejects('ValidationException', new TagResourceCommand({ ResourceARN: contact, Tags: tooMany }));
    assert.equal(error.Reason, 'FIELD_VALIDATION_FAILED');
    await send(new TagResourceCommand({ ResourceARN: contact, Tags: tooMany.slice(0, 49) }));
    await rejects('ServiceQuotaExceededException', new TagResourceCommand({ ResourceARN: contact, Tags: tooMany.slice(49) }));
    assert.equal((await send(new ListTagsForResourceCommand({ ResourceARN: contact }))).Tags.length, 50);
});

test('a contact policy round-trips', async () => {
    const name = alias('policy');
    const { ContactArn } = await send(new CreateContactCommand({ Alias: name, Type: 'PERSONAL', Plan: emptyPlan() }));
    const empty = await send(new GetContactPolicyCommand({ ContactArn }));
    assert.equal(empty.ContactArn, ContactArn);
    assert.equal(empty.Policy, undefined);

    // The PutContactPolicy example of the API reference, pointed at this contact.
    const Policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
            Sid: 'ExampleResourcePolicy',
            Action: ['ssm-contacts:GetContact', 'ssm-contacts:StartEngagement', 'ssm-contacts:DescribeEngagement', 'ssm-contacts:ListPagesByEngagement', 'ssm-contacts:StopEngagement'],
            Principal: { AWS: '222233334444' },
            Effect: 'Allow',
            Resource: [`arn:aws:ssm-contacts:*:${account}:contact/${name}`, `arn:aws:ssm-contacts:*:${account}:engagement/${name}/*`],
        }],
    });
    await send(new PutContactPolicyCommand({ ContactArn, Policy }));
    const got = await send(new GetContactPolicyCommand({ ContactArn }));
    assert.equal(got.ContactArn, ContactArn);
    assert.deepEqual(JSON.parse(got.Policy), JSON.parse(Policy));

    await rejects('ValidationException', new PutContactPolicyCommand({ ContactArn, Policy: 'not json' }));
});


