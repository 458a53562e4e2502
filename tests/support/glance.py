"""JavaScript probes of a page read at a glance (issue 23), shared by the example site's and the large sites' browser tests.

Each is evaluated in the page by Playwright (`page.evaluate`, or `locator.evaluate` for FOCUS_IN_VIEW).
"""

FIRST_DUE = """() => {
    const first = document.querySelector('article .rolebook-commitments li');
    if (!first) return null;
    const due = first.querySelector('.rolebook-commitment__due').getBoundingClientRect();
    const status = first.querySelector('.rolebook-badge').getBoundingClientRect();
    return {due: due.bottom, status: status.bottom, height: innerHeight, right: Math.max(due.right, status.right),
            width: document.documentElement.clientWidth};
}"""


OUTCOMES_SEEN = """() => {
    const fig = document.querySelector('article figure.rolebook-figure');
    if (!fig) return null;
    const width = document.documentElement.clientWidth;
    const shown = [...fig.querySelectorAll('a')].filter(a => a.offsetParent !== null || a.getClientRects().length)
        .map(a => { const r = a.getBoundingClientRect(); return {href: a.getAttribute('href') || a.getAttribute('xlink:href'),
                     left: r.left, right: r.right, width: r.width}; })
        .filter(a => a.width > 0);
    return {width, page: document.documentElement.scrollWidth,
            outcomes: shown.filter(a => /#outcome-/.test(a.href || '')),
            hidden: shown.filter(a => a.right > width + 1 || a.left < -1).map(a => a.href)};
}"""


FOCUS_IN_VIEW = """a => {
    a.focus();
    const r = a.getBoundingClientRect(), box = a.closest('.rolebook-diagram').getBoundingClientRect();
    return {active: document.activeElement === a,
            inside: r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= 0 && r.bottom <= innerHeight,
            label: a.getAttribute('aria-label')};
}"""


CONTRAST = """() => {
    const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
        const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
    const over = (top, under) => top.slice(0, 3).map((v, i) => v * top[3] + under[i] * (1 - top[3]));
    const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; });
        return .2126 * r + .7152 * g + .0722 * b; };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + .05) / (y + .05); };
    const page = parse(getComputedStyle(document.body).backgroundColor);
    const out = [];
    const shapes = document.querySelectorAll(
        'article .rolebook-diagram .node :is(polygon, ellipse, path), article .rolebook-key .node :is(polygon, ellipse, path)');
    for (const shape of shapes) {
        const s = getComputedStyle(shape);
        if (s.stroke === 'none' || !shape.getClientRects().length) continue;
        const stroke = over(parse(s.stroke), page), fill = over(parse(s.fill) || [0, 0, 0, 0], page);
        const worst = Math.min(ratio(stroke, page), ratio(stroke, fill));
        out.push({cls: shape.closest('.node').getAttribute('class'), worst: Math.round(worst * 100) / 100});
    }
    return out;
}"""


TEXT_PX = """() => [...document.querySelectorAll('article .rolebook-diagram svg')].filter(s => s.getClientRects().length)
    .flatMap(svg => { const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale); })"""
