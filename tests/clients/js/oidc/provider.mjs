// A real OpenID Connect provider for the console's single sign-on tests: oidc-provider with its
// development login and consent pages (any login name is accepted and becomes the subject and a
// verified e-mail address). Usage: node provider.mjs CLIENT_ID CLIENT_SECRET REDIRECT_URI
// It listens on a free loopback port and prints "issuer http://127.0.0.1:PORT".
import http from 'node:http';
import Provider from 'oidc-provider';

const [clientId, clientSecret, redirectUri] = process.argv.slice(2);
const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: (ctx, id) => ({
    accountId: id,
    claims: () => ({ sub: id, email: id, email_verified: true, name: id }),
  }),
  pkce: { required: () => true },
});
// Tests run over plain http on loopback.
provider.proxy = false;
server.on('request', provider.callback());
console.log(`issuer ${issuer}`);
