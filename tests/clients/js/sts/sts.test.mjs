// AWS SDK for JavaScript v3 asks Callout's STS who it is.
//   CALLOUT_ENDPOINT=http://127.0.0.1:5000 node --test sts/
// Under `--auth off` a random 12-digit access key is the account (docs/spec/protocol.md §5). Against a
// `--auth strict` server, CALLOUT_STS_KEY, CALLOUT_STS_SECRET and CALLOUT_STS_ACCOUNT name a
// configured credential; then a wrong secret must be refused too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CreateContactCommand, SSMContactsClient } from '@aws-sdk/client-ssm-contacts';

const endpoint = process.env.CALLOUT_ENDPOINT?.replace(/\/+$/, '');
if (!endpoint) {
    throw new Error('set CALLOUT_ENDPOINT to the server URL');
}
const strict = Boolean(process.env.CALLOUT_STS_SECRET);

function credential() {
    if (strict) {
        return { key: process.env.CALLOUT_STS_KEY, secret: process.env.CALLOUT_STS_SECRET, account: process.env.CALLOUT_STS_ACCOUNT };
    }
    const account = String(randomInt(200_000_000_000, 999_999_999_999));
    return { key: account, secret: 'x', account };
}

// docs/spec/protocol.md §8 (JS v3); maxAttempts 1: no retries.
const client = (Client, { key, secret }, region = 'us-east-1') => new Client({
    region,
    endpoint,
    credentials: { accessKeyId: key, secretAccessKey: secret },
    maxAttempts: 1,
});

test('the caller is the root of the key\'s account', async () => {
    const c = credential();
    const identity = await client(STSClient, c).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, c.account);
    assert.equal(identity.UserId, c.account);
    assert.equal(identity.Arn, `arn:aws:iam::${c.account}:root`);
    assert.equal(identity.$metadata.httpStatusCode, 200);
    assert.match(identity.$metadata.requestId, /^[0-9a-f-]{36}$/);
});

test('the account STS names is the one SSM Contacts files under', async () => {
    const c = credential();
    const alias = `sts-${randomInt(1_000_000_000)}`;
    const created = await client(SSMContactsClient, c).send(new CreateContactCommand({ Alias: alias, Type: 'PERSONAL', Plan: { Stages: [] } }));
    assert.equal(created.ContactArn, `arn:aws:ssm-contacts:us-east-1:${c.account}:contact/${alias}`);
    assert.equal((await client(STSClient, c).send(new GetCallerIdentityCommand({}))).Account, c.account);
});

test('a China region gets an ARN in its partition', async () => {
    const c = credential();
    const identity = await client(STSClient, c, 'cn-north-1').send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, `arn:aws-cn:iam::${c.account}:root`);
});

test('a wrong secret is a signature that does not match', { skip: !strict && 'only a --auth strict server checks secrets' }, async () => {
    const c = { ...credential(), secret: 'wrong-secret' };
    await assert.rejects(client(STSClient, c).send(new GetCallerIdentityCommand({})), (e) => {
        assert.equal(e.name, 'SignatureDoesNotMatch');
        assert.equal(e.$metadata.httpStatusCode, 403);
        return true;
    });
});
