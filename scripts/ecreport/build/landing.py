"""The landing page of a multi-edition site (``--year all``): one link per edition."""

from __future__ import annotations

from ..units import edition_title


def landing_page(years: list[int], skipped: dict[int, list[str]], compare: str | None = None) -> str:
    items = "\n".join(f'<li><a href="{y}/index.html">中国电子商务发展报告 {edition_title(y)}</a></li>'
                      for y in sorted(years, reverse=True))
    latest = max(years)
    missing = ""
    compare_link = f'<p><a href="{latest}/{compare}.html">历年主要指标对比</a></p>' if compare else ""
    if skipped:
        missing = ("<p>以下年份的数据不全，未生成版本：" + "、".join(edition_title(y) for y in sorted(skipped))
                   + "（运行 <code>python scripts/build.py --check</code> 查看缺少的指标）。</p>")
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>中国电子商务发展报告 · 各年版本</title>
<style>body{{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
max-width:46rem;margin:3rem auto;padding:0 1rem;line-height:1.8;color:#222}}a{{color:#1f5fa8}}</style></head>
<body><main>
<h1>中国电子商务发展报告 · 各年版本</h1>
<p>最新一版：<a href="{latest}/index.html">中国电子商务发展报告 {edition_title(latest)}</a>。</p>
<p>同一套笔记本与数据生成的各年版本。每一版的文字、数字、图表与图题都随该年的数据更新。</p>
<ul>
{items}
</ul>
{compare_link}
{missing}
</main></body></html>
"""
