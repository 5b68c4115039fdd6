import { describe, expect, it } from 'vitest'
import {
  checkTemplate,
  renderEmail,
  renderSms,
  templateVariables,
  type TemplateSource,
} from './templates'

const email = (tr: string, en = '<p>Hello</p>', subject = { tr: 'Konu', en: 'Subject' }) =>
  ({ channel: 'email', subject, body: { tr, en } }) as const satisfies TemplateSource
const sms = (tr: string, en = 'Hello') =>
  ({ channel: 'sms', body: { tr, en } }) as const satisfies TemplateSource
const messages = (t: TemplateSource) => checkTemplate(t).map((i) => `${i.path}: ${i.message}`)

const TURKISH = 'İ ş ğ ü ö ç ı Ş Ğ Ü Ö Ç'

describe('checkTemplate', () => {
  it('accepts nested allowed tags, spaced variables, character references and Turkish text', () => {
    const body = `<p>Merhaba <b>{{ firstName }}</b>, <strong><em>${TURKISH}</em></strong> &amp; &#351;</p>
<ul>
  <li>Bir <i>iki</i><br/>üç</li>
  <li><p>Paragraf</p><ol><li><a href="{{bookingLink}}">Randevu al</a></li></ol></li>
</ul>
<P>Büyük harf</P><a href='mailto:satis@kaya.test'>yazın</a> <a href="tel:+90 212 555 00 00">arayın</a>
<a href="https://kaya.test/teklif?ref={{company}}&amp;k=1">teklif</a>`
    expect(checkTemplate(email(body))).toEqual([])
  })

  it('names unknown variables where they are', () => {
    const t = email('<p>{{isim}}</p>', '<p>{{name}}</p>', { tr: 'Konu', en: 'Hi {{first}}' })
    expect(checkTemplate(t)).toEqual([
      { path: 'subject.en', message: expect.stringContaining('unknown variable {{first}}') },
      { path: 'body.tr', message: expect.stringContaining('unknown variable {{isim}}') },
    ])
  })

  it('refuses braces that make no variable', () => {
    expect(messages(sms('Merhaba {{ first name }}'))).toEqual([
      'body.tr: "{{" starts no variable: write one as {{firstName}}',
    ])
  })

  it.each([
    ['<script>alert(1)</script>', '<script> is not allowed'],
    ['<p>a</p><img src="https://x.test/t.gif">', '<img> is not allowed'],
    ['<div>a</div>', '<div> is not allowed'],
    ['<p onclick="alert(1)">a</p>', 'the onclick attribute is not allowed'],
    ['<p style="color:red">a</p>', 'the style attribute is not allowed'],
    ['<a title="t" href="https://x.test">a</a>', 'the title attribute is not allowed'],
    ['<!-- gizli -->', 'no comments or declarations'],
    ['<!DOCTYPE html><p>a</p>', 'no comments or declarations'],
    ['<a href="javascript:alert(1)">a</a>', 'a link uses http:'],
    ['<a href="JavaScript:alert(1)">a</a>', 'a link uses http:'],
    ['<a href="&#106;avascript:alert(1)">a</a>', 'a link uses http:'],
    ['<a href="java\tscript:alert(1)">a</a>', 'a link uses http:'],
    ['<a href="data:text/html,<b>x</b>">a</a>', 'a link uses http:'],
    ['<a href="/relative">a</a>', 'a link uses http:'],
    ['<a href="ht{{quoteLink}}">a</a>', 'a link uses http:'],
    ['<a href=https://x.test>a</a>', 'quote the value of href in <a>'],
    ['<a>a</a>', '<a> needs an href'],
    ['<a href="https://x.test" href="https://y.test">a</a>', '<a> has one href'],
    ['<a href="https://a.test"><a href="https://b.test">a</a></a>', 'a link cannot hold a link'],
    ['<p>a', '<p> is never closed'],
    ['a</b>', '</b> has no matching <b>'],
    ['<p><b>a</p></b>', '<b> is not closed before </p>'],
    ['<p><p>a</p></p>', '<p> cannot be in <p>'],
    ['<p><ul><li>a</li></ul></p>', '<ul> cannot be in <p>'],
    ['<b><p>a</p></b>', '<p> cannot be in <b>'],
    ['<li>a</li>', '<li> belongs in <ul> or <ol>'],
    ['<ul>a</ul>', 'text in <ul> belongs in <li>'],
    ['<ul><br></ul>', '<br> cannot be in <ul>'],
    ['<p/>', '<p/> is malformed'],
    ['a</br>', '</br> is malformed'],
    ['3 < 4', 'write a literal "<" as &lt;'],
    ['<p>a <b</p>', 'write a literal "<" as &lt;'],
  ])('refuses %j', (body, message) => {
    const issues = checkTemplate(email(body))
    expect(issues.map((i) => i.path)).toContain('body.tr')
    expect(issues.map((i) => i.message)).toContainEqual(expect.stringContaining(message))
  })

  it('needs a subject for an e-mail and none for an SMS', () => {
    expect(messages({ channel: 'email', subject: null, body: { tr: 'a', en: 'b' } })).toEqual([
      'subject: an e-mail template needs a subject',
    ])
    expect(messages({ ...sms('a'), subject: { tr: 'a', en: 'b' } })).toEqual([
      'subject: an SMS has no subject',
    ])
  })

  it('refuses a subject of more than one line', () => {
    const t = email('<p>a</p>', '<p>b</p>', { tr: 'Konu', en: 'Hi\r\nBcc: all@x.test' })
    expect(messages(t)).toEqual(['subject.en: a subject is one line'])
  })

  it('refuses HTML in an SMS but not a lone "<"', () => {
    expect(messages(sms('Merhaba <b>{{firstName}}</b>', 'Hi <br/>'))).toEqual([
      'body.tr: an SMS has no HTML tags',
      'body.en: an SMS has no HTML tags',
    ])
    expect(checkTemplate(sms(`Fiyat < 100 TL <3 ${TURKISH}`, 'Hi {{name}}'))).toEqual([])
  })
})

describe('renderEmail', () => {
  const offer = email(
    `<p>Merhaba <b>{{firstName}}</b>,</p>
<p>{{company}} için teklifiniz hazır: <a href="{{quoteLink}}">teklifi açın</a>.</p>
<ul>
  <li>Kurulum <em>dahil</em></li>
  <li>İki yıl garanti<br>ve destek
    <ol><li>telefon</li><li>e-posta</li></ol>
  </li>
</ul>
Sorularınız için <a href="mailto:satis@kaya.test">satis@kaya.test</a>`,
    '<p>Hi {{firstName}}</p>',
    { tr: '{{firstName}}, teklifiniz hazır', en: 'Your quote, {{firstName}}' },
  )

  it('writes a small complete document in the locale, with no external resources', () => {
    const { html } = renderEmail(offer, 'en', { firstName: 'Ann' })
    expect(html).toBe(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Your quote, Ann</title>
</head>
<body>
<p>Hi Ann</p>
</body>
</html>
`)
    expect(renderEmail(offer, 'tr', {}).html).toContain('<html lang="tr">')
    expect(renderEmail(offer, 'tr', {}).html).not.toMatch(/<(img|link|script|style)|src=/i)
  })

  it('keeps the allowed tags and escapes values in text and in href', () => {
    const values = {
      firstName: `<i>Tom</i> & "Jerry" 'n`,
      quoteLink: 'https://x.test/q?a=1&b="2">',
    }
    const { html } = renderEmail(offer, 'tr', values)
    expect(html).toContain(
      '<p>Merhaba <b>&lt;i&gt;Tom&lt;/i&gt; &amp; &quot;Jerry&quot; &#39;n</b>,</p>',
    )
    expect(html).toContain(
      '<a href="https://x.test/q?a=1&amp;b=&quot;2&quot;&gt;">teklifi açın</a>',
    )
    expect(html).toContain('<ul><li>Kurulum <em>dahil</em></li><li>İki yıl garanti<br>ve destek')
    expect(html).toContain('<ol><li>telefon</li><li>e-posta</li></ol>')
  })

  it.each([
    'javascript:alert(1)',
    ' JAVASCRIPT:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    '//evil.test/x',
    'https://x.test/q\n1',
    'https://',
    '',
  ])('renders a link whose value %j is unsafe as its text', (quoteLink) => {
    const { html, text } = renderEmail(offer, 'tr', { quoteLink })
    expect(html).toContain('teklifiniz hazır: teklifi açın.</p>')
    expect(html).not.toMatch(/script:|data:|evil/i)
    expect(text).toContain('teklifiniz hazır: teklifi açın.')
  })

  it('writes the plain-text alternative as paragraphs, "- " items and "label (url)" links', () => {
    const values = { firstName: 'Ayşe', company: 'Kaya\nTekstil', quoteLink: 'https://x.test/q/1' }
    expect(renderEmail(offer, 'tr', values).text).toBe(`Merhaba Ayşe,

Kaya Tekstil için teklifiniz hazır: teklifi açın (https://x.test/q/1).

- Kurulum dahil
- İki yıl garanti
  ve destek
  - telefon
  - e-posta

Sorularınız için satis@kaya.test`)
  })

  it('keeps values and references as characters in the text alternative', () => {
    const t = email('<p>A &amp; B &lt;3 &#304;stanbul&nbsp;{{store}} &unknown;</p>')
    expect(renderEmail(t, 'tr', { store: '<Kaya & Co>' }).text).toBe(
      'A & B <3 İstanbul\u00a0<Kaya & Co> &unknown;',
    )
    expect(renderEmail(t, 'tr', { store: '<Kaya & Co>' }).html).toContain(
      '<p>A &amp; B &lt;3 İstanbul\u00a0&lt;Kaya &amp; Co&gt; &amp;unknown;</p>',
    )
  })

  it('keeps Turkish characters everywhere', () => {
    const t = email(`<p>${TURKISH} {{firstName}}</p>`, '<p>x</p>', { tr: `${TURKISH}`, en: 'x' })
    const r = renderEmail(t, 'tr', { firstName: 'Işıl Çağlayan' })
    expect(r.subject).toBe(TURKISH)
    expect(r.html).toContain(`<p>${TURKISH} Işıl Çağlayan</p>`)
    expect(r.text).toBe(`${TURKISH} Işıl Çağlayan`)
  })

  it('renders missing values as nothing', () => {
    const r = renderEmail(offer, 'en', {})
    expect(r.subject).toBe('Your quote,')
    expect(r.html).toContain('<p>Hi </p>')
  })

  it('keeps CR and LF out of the subject', () => {
    const r = renderEmail(offer, 'en', { firstName: 'Ann\r\nBcc: all@evil.test\nX: y' })
    expect(r.subject).toBe('Your quote, Ann Bcc: all@evil.test X: y')
    expect(r.subject).not.toMatch(/[\r\n]/)
  })

  it('appends the footer to both parts, its URL as a link', () => {
    const footer = { text: 'Kaya & Co gönderdi. Çıkmak için:', url: 'https://x.test/u/ms_1' }
    const r = renderEmail(offer, 'en', { firstName: 'Ann' }, footer)
    expect(r.html).toContain(
      '<p>Hi Ann</p>\n<hr>\n<p>Kaya &amp; Co gönderdi. Çıkmak için:<br><a href="https://x.test/u/ms_1">https://x.test/u/ms_1</a></p>\n</body>',
    )
    expect(r.text).toBe('Hi Ann\n\nKaya & Co gönderdi. Çıkmak için:\nhttps://x.test/u/ms_1')
  })

  it('never links a footer URL that is not safe', () => {
    const r = renderEmail(offer, 'en', {}, { text: 'Bye', url: 'javascript:alert(1)' })
    expect(r.html).toContain('<hr>\n<p>Bye</p>')
    expect(r.text).toBe('Hi\n\nBye')
  })

  it('refuses to render a template that checkTemplate refuses, or an SMS', () => {
    expect(() => renderEmail(email('<script>x</script>'), 'tr', {})).toThrow(/body.tr: <script>/)
    expect(() => renderEmail(email('<p>a</p>', '<p>{{nope}}</p>'), 'en', {})).toThrow(RangeError)
    expect(() => renderEmail(sms('a'), 'tr', {})).toThrow(RangeError)
  })
})

describe('renderSms', () => {
  const t = sms('Merhaba {{ firstName }}, {{company}} teklifi: {{quoteLink}}', 'Hi {{firstName}}')

  it('inserts values as plain text', () => {
    const values = {
      firstName: 'Şükrü & <Ömer>',
      company: 'Çağ "Ltd"',
      quoteLink: 'https://x.test/q',
    }
    expect(renderSms(t, 'tr', values)).toBe(
      'Merhaba Şükrü & <Ömer>, Çağ "Ltd" teklifi: https://x.test/q',
    )
    expect(renderSms(t, 'en', {})).toBe('Hi ')
  })

  it('refuses an SMS with tags and an e-mail template', () => {
    expect(() => renderSms(sms('<b>a</b>'), 'tr', {})).toThrow(RangeError)
    expect(() => renderSms(email('<p>a</p>'), 'tr', {})).toThrow(RangeError)
  })
})

describe('templateVariables', () => {
  it('lists the known variables of the subject and body in both locales, in the contract order', () => {
    const t = email(
      '<p>{{company}} {{ firstName }}</p><a href="{{quoteLink}}">x</a>',
      '<p>{{firstName}} {{unknown}}</p>',
      { tr: '{{store}}', en: 'x' },
    )
    expect(templateVariables(t)).toEqual(['firstName', 'company', 'store', 'quoteLink'])
    expect(templateVariables(sms('Merhaba'))).toEqual([])
  })
})
