// Picks KIS's own domestic-stock requests out of its official Postman collection (unchanged: old TR ids,
// no custtype, hashkey pre-request scripts) and adds a test script to each that checks a KIS-shaped answer.
// usage: node select.js <collection.json> <real|paper> <out.json>
'use strict';
const fs = require('fs');
const [, , source, env, out] = process.argv;
const collection = JSON.parse(fs.readFileSync(source, 'utf8'));
const p = env === 'real' ? 'J_' : 'V_';
const wanted = [
  [p + '토큰발급', 'token'],
  [p + '웹소켓접속키발급', 'approval'],
  [p + '해쉬키생성', 'hashkey'],
  [p + '주식주문(현금)', 'order'],
  ...(env === 'real' ? [[p + '주식정정취소가능주문조회', 'open']] : []),
  [p + '주식일별주문체결조회', 'daily'],
  [p + '주식잔고조회', 'balance'],
  [p + '주식주문(정정취소)', 'cancel'],
];
const all = [];
(function walk(items) {
  for (const it of items) {
    if (it.item) walk(it.item);
    else all.push(it);
  }
})(collection.item);

const checks = {
  token: `pm.test('token', () => {
    pm.response.to.have.status(200);
    const j = pm.response.json();
    pm.expect(j.access_token).to.be.a('string').and.not.empty;
    pm.expect(j.token_type).to.eql('Bearer');
    pm.expect(j.expires_in).to.be.a('number');
    pm.expect(j.access_token_token_expired).to.match(/^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$/);
  });`,
  approval: `pm.test('approval', () => {
    pm.response.to.have.status(200);
    pm.expect(pm.response.json().approval_key).to.have.lengthOf(36);
  });`,
  hashkey: `pm.test('hashkey', () => {
    pm.response.to.have.status(200);
    pm.expect(pm.response.json().HASH).to.be.a('string').and.not.empty;
  });`,
  order: `pm.test('order accepted', () => {
    pm.response.to.have.status(200);
    const j = pm.response.json();
    pm.expect(j.rt_cd, j.msg_cd + ' ' + j.msg1).to.eql('0');
    pm.expect(j.output.ODNO).to.match(/^\\d+$/);
    pm.expect(j.output.KRX_FWDG_ORD_ORGNO).to.match(/^\\d{5}$/);
    pm.expect(j.output.ORD_TMD).to.match(/^\\d{6}$/);
    pm.expect(pm.response.headers.has('tr_id')).to.be.true;
    pm.expect(pm.response.headers.has('gt_uid')).to.be.true;
  });`,
  open: `pm.test('open orders', () => {
    pm.response.to.have.status(200);
    const j = pm.response.json();
    pm.expect(j.rt_cd, j.msg_cd + ' ' + j.msg1).to.eql('0');
    pm.expect(j.output).to.be.an('array');
    pm.expect(j.ctx_area_nk100).to.have.lengthOf(100);
  });`,
  daily: `pm.test('daily executions', () => {
    pm.response.to.have.status(200);
    const j = pm.response.json();
    pm.expect(j.rt_cd, j.msg_cd + ' ' + j.msg1).to.eql('0');
    pm.expect(j.output1).to.be.an('array');
    pm.expect(j.output2).to.be.an('object');
    pm.expect(['D', 'E', 'F', 'M']).to.include(pm.response.headers.get('tr_cont'));
  });`,
  balance: `pm.test('balance', () => {
    pm.response.to.have.status(200);
    const j = pm.response.json();
    pm.expect(j.rt_cd, j.msg_cd + ' ' + j.msg1).to.eql('0');
    pm.expect(j.output1).to.be.an('array');
    pm.expect(j.output2).to.be.an('array').with.lengthOf(1);
  });`,
  cancel: `pm.test('cancel of an order that does not exist is refused as KIS refuses it', () => {
    pm.response.to.have.status(200);
    const j = pm.response.json();
    pm.expect(j.rt_cd).to.not.eql('0');
    pm.expect(['APBK0558', '40320000']).to.include(j.msg_cd);
    pm.expect(j.msg1).to.be.a('string').and.not.empty;
    pm.expect(j).to.not.have.property('output');
  });`,
};

const items = wanted.map(([name, check]) => {
  const it = all.find((x) => x.name === name);
  if (!it) throw new Error('collection has no request named ' + name);
  const copy = JSON.parse(JSON.stringify(it));
  // KIS's own test scripts stay (they store the token and keys for the later requests); ours runs after them
  copy.event = copy.event || [];
  const own = copy.event.find((e) => e.listen === 'test');
  const exec = checks[check].split('\n');
  if (own) own.script.exec = [].concat(own.script.exec, exec);
  else copy.event.push({ listen: 'test', script: { type: 'text/javascript', exec } });
  return copy;
});
fs.writeFileSync(out, JSON.stringify({ info: collection.info, item: items }, null, 1));
console.log('selected ' + items.map((i) => i.name).join(', '));
