import { gatewayResponseAllowOrigin, responseTemplate, staticAllowOrigin } from '../../../src/private/rest/cors';

test('staticAllowOrigin quotes the first origin for a mapping expression', () => {
  expect(staticAllowOrigin(['https://a.example.com', 'https://b.example.com'])).toBe("'https://a.example.com'");
});

describe('responseTemplate', () => {
  test('is the plain body for one origin or a wildcard', () => {
    expect(responseTemplate(['https://a.example.com'], { m: 1 })).toBe('{"m":1}');
    expect(responseTemplate(['*', 'https://a.example.com'], { m: 1 })).toBe('{"m":1}');
  });

  test('echoes back the request origin when it is one of several allowed', () => {
    expect(responseTemplate(['https://a.example.com', 'http://localhost:3000'], { m: 1 })).toBe([
      '#set($origin = $input.params().header.get("Origin"))',
      '#if("$!origin" == "")#set($origin = $input.params().header.get("origin"))#end',
      '#if($origin == "https://a.example.com" || $origin == "http://localhost:3000")',
      '#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)',
      '#end',
      '{"m":1}',
    ].join('\n'));
  });
});

describe('gatewayResponseAllowOrigin', () => {
  test('names one origin, or *, as a static value', () => {
    expect(gatewayResponseAllowOrigin(['https://app.example.com'])).toBe("'https://app.example.com'");
    expect(gatewayResponseAllowOrigin(['*'])).toBe("'*'");
  });

  test('echoes the request\'s Origin header with several origins, since a gateway response cannot choose among them', () => {
    expect(gatewayResponseAllowOrigin(['https://a.example.com', 'https://b.example.com'])).toBe('method.request.header.Origin');
  });
});
