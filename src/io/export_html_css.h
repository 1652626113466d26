/* export_html_css.h - the page's one style sheet, included once by
 * export_html.c.  Colours say what things mean, and every colour has a
 * word, symbol or border style beside it, so the page reads the same in
 * greyscale.  System fonts only; nothing is fetched. */
#ifndef CX_EXPORT_HTML_CSS_H
#define CX_EXPORT_HTML_CSS_H

static const char *const hs_css[] = {
":root{--ink:#1d1f23;--muted:#5b6270;--line:#c9ced6;--soft:#f4f6f8;"
"--high:#a4161a;--high-bg:#fde8e6;--med:#8a5300;--med-bg:#fff1d1;"
"--low:#1d5a85;--low-bg:#e3effa;--ok:#21683a;--ok-bg:#e2f3e7}\n",
"*{box-sizing:border-box}\n",
"html{-webkit-text-size-adjust:100%}\n",
"body{margin:0;color:var(--ink);background:#fff;font:15px/1.45 system-ui,"
"-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,\"Noto Sans\","
"sans-serif}\n",
"main{max-width:1240px;margin:0 auto;padding:24px 28px 48px}\n",
"h1{font-size:1.9em;margin:0 0 .2em;line-height:1.2}\n",
"h2{font-size:1.35em;margin:2em 0 .6em;padding-bottom:.2em;"
"border-bottom:2px solid var(--ink)}\n",
"h3{font-size:1.1em;margin:1.4em 0 .4em}\n",
"h4{font-size:1em;margin:1em 0 .3em}\n",
"h1,h2,h3,h4{overflow-wrap:anywhere;break-after:avoid}\n",
"p,li,dd{overflow-wrap:anywhere}\ntd,th{overflow-wrap:break-word}\n",
".tw{overflow-x:auto;max-width:100%}\n",
"a{color:inherit}\n",
".counts{color:var(--muted);font-size:1.05em;margin:0 0 1em}\n",
".map+.map{margin-top:3em;border-top:4px double var(--ink)}\n",
"nav.contents ol{columns:2 18em}\n",
".leads{display:flex;flex-wrap:wrap;gap:.3em 2.5em;margin:.4em 0}\n",
".leads p{margin:0}\n",
".missing{color:var(--high);font-weight:600}\n",
".worst{padding-left:1.4em}\n.worst li{margin:.35em 0}\n",
".facts{padding-left:1.2em}\n",
"dl.about{display:grid;grid-template-columns:max-content 1fr;"
"gap:.3em 1.2em}\ndl.about dt{font-weight:600}\ndl.about dd{margin:0}\n",
/* severity, status: a colour, a word and a border style each */
".sev{display:inline-block;padding:0 .45em;border-radius:3px;"
"font-size:.85em;font-weight:600;white-space:nowrap;border:1px solid}\n",
".sev-2{color:var(--high);background:var(--high-bg);border-width:2px}\n",
".sev-1{color:var(--med);background:var(--med-bg);border-style:dashed}\n",
".sev-0{color:var(--low);background:var(--low-bg);border-style:dotted}\n",
".st-open{font-weight:600}\n",
".st-done{color:var(--muted)}\n",
"tr.st-done td{color:var(--muted)}\n",
".off{color:var(--high);font-weight:700}\n.off::before{content:\"\\2716\\00a0\"}\n",
".on{color:var(--ok)}\n.on::before{content:\"\\2714\\00a0\"}\n",
".overdue{color:var(--high);font-weight:700}\n",
/* emotions: a sign and a word besides the colour */
".emo{display:inline-block;padding:0 .4em;border-radius:3px;"
"font-size:.85em;white-space:nowrap;border:1px solid transparent}\n",
".emo-m2{color:#fff;background:#a4161a;font-weight:700}\n",
".emo-m1{color:#7a1f12;background:#fbd9cf;border-color:#e08b73}\n",
".emo-0{color:#3b4048;background:#eceff2;border-color:#c9ced6}\n",
".emo-p1{color:#1c5a31;background:#dcf0e1;border-color:#8cc59c}\n",
".emo-p2{color:#fff;background:#21683a;font-weight:700}\n",
".emo-none{color:var(--muted);font-style:italic}\n",
/* badges: F findings (solid), G gaps (square, double), S silos */
".badge{display:inline-block;margin:2px 3px 0 0;padding:0 .35em;"
"font-size:.78em;font-weight:700;line-height:1.5;text-decoration:none;"
"border:1px solid;border-radius:8px;white-space:nowrap}\n",
".badge.gap{border-radius:0;border:3px double;padding:0 .3em}\n",
".badge.silo{border-radius:0;border-style:dashed;color:#4a2a7a;"
"background:#efe8fa}\n",
".badge:hover{text-decoration:underline}\n",
".marks{margin-left:.2em}\n",
/* the grid: scrolls inside its box, never the page */
".grid-wrap{overflow-x:auto;border:1px solid var(--line);"
"border-radius:6px;margin:.8em 0 1.2em}\n",
"table.grid{border-collapse:collapse;table-layout:fixed;width:100%}\n",
".grid th,.grid td{border:1px solid var(--line);vertical-align:top;"
"padding:6px;text-align:left;overflow-wrap:anywhere}\n",
".grid thead th{background:var(--soft);font-size:.92em}\n",
".grid th.dept{width:150px;background:var(--soft);font-size:.9em}\n",
".grid th.corner{width:150px}\n",
".grid tr.nobody th.dept{color:var(--high);font-style:italic}\n",
".grid .num{color:var(--muted);font-weight:400}\n",
".card{border:1px solid #7c8593;border-radius:5px;padding:4px 6px;"
"margin:0 0 6px;background:#fff;font-size:.86em;line-height:1.35;"
"break-inside:avoid}\n",
".card .name{font-weight:600;display:block}\n",
".card.helps{border-style:dashed;background:#fbfbfc;color:var(--muted)}\n",
".card.helps .name{font-weight:400}\n",
".card .role{font-size:.85em;font-style:italic}\n",
".card.moment{border-left:5px solid var(--ink)}\n",
".star{color:#8a5300}\n",
".curve{margin:.6em 0}\n.curve svg{display:block;width:100%;height:auto}\n",
/* ordinary tables */
"table.t{border-collapse:collapse;width:100%;margin:.4em 0 1em;"
"font-size:.92em}\n",
".t th,.t td{border:1px solid var(--line);padding:4px 7px;text-align:left;"
"vertical-align:top}\n",
".t thead th{background:var(--soft)}\n",
".t td.n{text-align:right;font-variant-numeric:tabular-nums}\n",
".t td.zero{color:#b0b5bd}\n",
".nw,.on,.off,.overdue{white-space:nowrap}\n",
".t tr{break-inside:avoid}\n",
".meaning{color:var(--muted);margin:.1em 0 .4em}\n",
".flist{margin:.2em 0 .8em;padding-left:0;list-style:none}\n",
".flist li{margin:.25em 0;padding-left:3.2em;text-indent:-3.2em}\n",
".fid{display:inline-block;min-width:2.8em;font-weight:700;"
"text-indent:0}\n",
"h3.sev-head{border-left:6px solid;padding-left:.4em}\n",
"h3.sev-head.s2{border-color:var(--high);color:var(--high)}\n",
"h3.sev-head.s1{border-color:var(--med);border-left-style:dashed;"
"color:var(--med)}\n",
"h3.sev-head.s0{border-color:var(--low);border-left-style:dotted;"
"color:var(--low)}\n",
":target{outline:3px solid #f2b705;outline-offset:2px}\n",
"blockquote{margin:.3em 0 .6em;padding:.1em .8em;border-left:3px solid "
"var(--line)}\nblockquote p{margin:.2em 0}\n.who{color:var(--muted);"
"font-size:.9em}\n",
".none{color:var(--muted);font-style:italic}\n",
"ul.legend{list-style:none;padding:0;display:grid;"
"grid-template-columns:repeat(auto-fill,minmax(20em,1fr));gap:.35em 1.5em}\n",
"ul.legend .card{display:inline-block;margin:0 .4em 0 0}\n",
"@media (max-width:700px){main{padding:14px}"
"dl.about{grid-template-columns:1fr}}\n",
/* print: A4, nothing clipped, cards and rows whole */
"@page{size:A4;margin:12mm 11mm}\n",
"@media print{body{font-size:9.5pt;-webkit-print-color-adjust:exact;"
"print-color-adjust:exact}main{max-width:none;padding:0}"
".grid-wrap,.tw{overflow:visible;border:0}"
"table.grid{min-width:0!important;font-size:8pt}"
".grid th.dept,.grid th.corner{width:22mm}"
".grid th.corner{overflow-wrap:normal;hyphens:auto}"
".grid th,.grid td{padding:3px}"
".card{padding:2px 3px}"
".t{font-size:8.5pt}"
"h2{break-before:auto}"
"a{text-decoration:none}"
":target{outline:0}}\n",
NULL };

#endif
