import { ok, badRequest } from 'wix-http-functions';

export function get_health(request) {
  return request.query.verbose ? ok({ body: { status: 'ok', site: 'acme-bikes' } }) : ok();
}

export function post_echo(request) {
  return request.body ? request.body.text().then((text) => ok({ body: text })) : badRequest();
}
