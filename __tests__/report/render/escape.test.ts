import { describe, expect, it } from '@jest/globals'
import {
  attribute,
  code,
  fencedBlock,
  link,
  markerValue,
  mermaidText,
  multiline,
  safeUrl,
  shellWord,
  text
} from '../../../src/report/render/escape.js'
import { decodeEntities, html, tableHtml } from '../fixtures.js'

describe('text', () => {
  it('shows HTML as text instead of letting it run', () => {
    const rendered = html(text('<script>alert(1)</script><img src=x onerror=alert(1)>'))

    expect(rendered).not.toMatch(/<script|<img/)
    expect(rendered).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('cannot open a link, an image or an autolink', () => {
    const rendered = html(
      text(
        'web](javascript:alert(1)) [x](javascript:alert(2)) ![i](javascript:x) <javascript:alert(3)>'
      )
    )

    expect(rendered).not.toMatch(/<a |<img/)
    expect(rendered).toContain('web](javascript:alert(1))')
  })

  it('cannot add emphasis, code, math, strikethrough, headings or lists', () => {
    const rendered = html(text('# _a_ *b* __c__ `d` $e$ ~~f~~\n- g\n1. h'))

    expect(rendered).not.toMatch(/<(em|strong|code|del|h1|li|ol|ul)\b/)
    expect(rendered).toContain('# _a_ *b* __c__ `d` $e$ ~~f~~ - g 1. h')
  })

  it('keeps a pipe inside one table cell', () => {
    const rendered = tableHtml({
      headers: ['Image', 'Next'],
      items: [[text('repo|evil | more'), 'x']],
      cells: row => row,
      noun: 'rows'
    })

    expect(rendered.match(/<td>/g)).toHaveLength(2)
    expect(rendered).toContain('<td>repo|evil | more</td>')
  })

  it('puts everything on one line and clips it', () => {
    expect(text('a\n\nb\tc')).toBe('a b c')
    expect(text('x'.repeat(500))).toHaveLength(300)
  })

  it('does not notify people or teams, but leaves digests alone', () => {
    expect(text('ping @octocat and @org/team')).toBe('ping @\u2060octocat and @\u2060org/team')
    expect(text('web@sha256')).toBe('web@sha256')
  })

  it('drops control characters and bidirectional overrides', () => {
    expect(text('safe\u202Egnp.exe\u0007')).toBe('safegnp.exe')
  })

  it('reads as itself in raw Markdown: only what Markdown or HTML would act on is escaped', () => {
    const image = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/payments:2026.12.07-a1a1a1a'
    expect(text(image)).toBe(image)
    expect(text('POST_TEST_TRAFFIC_SHIFT (exit 137), 50% of {tasks}: "ok" #12!')).toBe(
      'POST_TEST_TRAFFIC_SHIFT (exit 137), 50% of {tasks}: "ok" #12!'
    )
    expect(text('a <b> & c &amp; _d_ *e* [f] `g` ~h~ $i$ \\j')).toBe(
      'a &lt;b> & c &amp;amp; \\_d\\_ \\*e\\* \\[f\\] \\`g\\` \\~h\\~ \\$i\\$ \\\\j'
    )
  })

  it('leaves a masked *** alone, which cannot open or close emphasis', () => {
    expect(text('token *** and a * b')).toBe('token *** and a * b')
    expect(html(text('*** x *** y*z*'))).not.toMatch(/<(em|strong)>/)
  })

  it('shows entities, backslashes and tags literally', () => {
    const value = '&lt;b&gt; \\*not emphasis\\* &#42; <i>x</i> \\'
    const rendered = html(text(value))

    expect(rendered).not.toMatch(/<(i|em)>/)
    expect(decodeEntities(rendered.replace(/<\/?p>\n?/g, ''))).toBe(value)
  })

  it('cannot start a heading, quote or list where it begins a list item', () => {
    for (const value of ['# heading', '> quote', '- item', '* item', '1. item', '3) item', '***']) {
      const rendered = html(`- ${text(value)}`)

      expect(rendered).not.toMatch(/<(h1|blockquote|ol|hr|ul>\s*<li>\s*<ul)\b/)
      expect(rendered.match(/<li>/g)).toHaveLength(1)
      expect(decodeEntities(rendered)).toContain(`<li>${value}</li>`)
    }
  })
})

describe('attribute', () => {
  it('cannot end the attribute or the tag it is in', () => {
    const rendered = html(`<code title="${attribute('x" onmouseover="alert(1)<b>&amp;')}">y</code>`)

    expect(rendered).toContain('title="x&#34; onmouseover=&#34;alert(1)&#60;b&#62;&#38;amp;"')
    expect(rendered).not.toContain('onmouseover="')
  })
})

describe('multiline', () => {
  it('keeps line breaks as <br> and escapes each line', () => {
    const rendered = html(multiline('**Failed**\n<b>tasks</b>\n- item', 1000))

    expect(rendered).toContain('**Failed**<br>&lt;b&gt;tasks&lt;/b&gt;<br>- item')
    expect(rendered).not.toMatch(/<(strong|b|li)>/)
  })
})

describe('code', () => {
  it('wraps the escaped value in <code>, so backticks and pipes need no fences', () => {
    const rendered = html(code('img:`whoami`|x'))
    const inner = /<code>([^<]*)<\/code>/.exec(rendered)?.[1] ?? ''

    expect(decodeEntities(inner)).toBe('img:`whoami`|x')
  })
})

describe('safeUrl and link', () => {
  it('accepts only http(s) and encodes what could end a destination or a cell', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined()
    expect(safeUrl('not a url')).toBeUndefined()
    expect(safeUrl('https://example.com/a(b)|c "d"')).toBe(
      'https://example.com/a%28b%29%7Cc%20%22d%22'
    )
  })

  it('links escaped labels to safe URLs and falls back to the label', () => {
    expect(html(link('[x]', 'https://example.com/a'))).toContain(
      '<a href="https://example.com/a">[x]</a>'
    )
    expect(html(link('run', 'javascript:alert(1)'))).not.toContain('<a')
  })
})

describe('fencedBlock', () => {
  it('uses a fence longer than any backtick run inside', () => {
    const content = 'echo ```\n````\nrm -rf /'
    const rendered = html(fencedBlock(content, 'sh'))

    expect(rendered.match(/<pre>/g)).toHaveLength(1)
    expect(rendered).toContain('echo ```\n````\nrm -rf /')
  })
})

describe('shellWord', () => {
  it('leaves plain words alone and single-quotes the rest', () => {
    expect(shellWord('arn:aws:ecs:eu-west-1:1:service-deployment/c/s/x_Y')).toBe(
      'arn:aws:ecs:eu-west-1:1:service-deployment/c/s/x_Y'
    )
    expect(shellWord("it's $(rm -rf /)")).toBe(`'it'\\''s $(rm -rf /)'`)
  })
})

describe('markerValue', () => {
  it('cannot hold a space, an equals sign or anything that ends an HTML comment', () => {
    const value = markerValue('web service=x --> <!-- -')

    expect(value).toMatch(/^[A-Za-z0-9_.:/%]+$/)
    expect(value).not.toContain('--')
    expect(markerValue('a b')).not.toBe(markerValue('a%20b'))
    expect(markerValue('prod/web:1')).toBe('prod/web:1')
  })

  it('percent-encodes the UTF-8 of anything else, a lone surrogate as U+FFFD', () => {
    expect(markerValue('café → orders-api\uD800')).toBe(
      'caf%C3%A9%20%E2%86%92%20orders%2Dapi%EF%BF%BD'
    )
  })
})

describe('mermaidText', () => {
  it('keeps only characters Mermaid reads as text', () => {
    expect(mermaidText('STAGE: x; y # z %% w\nclick')).toBe('STAGE x y z w click')
    expect(mermaidText('POST_TEST_TRAFFIC_SHIFT')).toBe('POST_TEST_TRAFFIC_SHIFT')
  })
})
