#!/usr/bin/env python3
"""Render fixtures/html/*.html from truth files: the official layout with real rowspan/colspan,
wrapped in portal-like noise (layout tables, navigation, breadcrumbs, share buttons, scripts,
footer), in UTF-8 (meta charset), GBK (meta http-equiv) and GBK with no declaration.

usage: python3 scripts/make_html_fixtures.py   (reads fixtures/docx/*.truth.json; stdlib only)
"""
import json, os, shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "fixtures", "docx")
OUT = os.path.join(ROOT, "fixtures", "html")

APP = [("new_received", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量")]
RESULTS = [
    ("（一）予以公开", [("granted", None)]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [("partially_granted", None)]),
    ("（三）不予公开", [("withheld_state_secret", "1.属于国家秘密"), ("withheld_law_prohibited", "2.其他法律行政法规禁止公开"),
        ("withheld_three_safeties", "3.危及“三安全一稳定”"), ("withheld_third_party", "4.保护第三方合法权益"),
        ("withheld_internal_affairs", "5.属于三类内部事务信息"), ("withheld_process_info", "6.属于四类过程性信息"),
        ("withheld_enforcement_files", "7.属于行政执法案卷"), ("withheld_query_matter", "8.属于行政查询事项")]),
    ("（四）无法提供", [("unavailable_not_held", "1.本机关不掌握相关政府信息"), ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
        ("unavailable_unclear", "3.补正后申请内容仍不明确")]),
    ("（五）不予处理", [("not_handled_petition", "1.信访举报投诉类申请"), ("not_handled_duplicate", "2.重复申请"),
        ("not_handled_publication", "3.要求提供公开出版物"), ("not_handled_excessive", "4.无正当理由大量反复申请"),
        ("not_handled_confirmation", "5.要求行政机关确认或重新出具已获取信息")]),
    ("（六）其他处理", [("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"), ("other_misc", "3.其他")]),
    ("（七）总计", [("total_handled", None)]),
]


def v(x):
    return "" if x is None else (str(int(x)) if float(x).is_integer() else str(x))


def td(text, rs=1, cs=1):
    a = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
    return f"<td{a}><p>{text}</p></td>"


def values(row):
    return "".join(td(v(x)) for x in row)


def active_table(a):
    r = ['<table border="1" class="MsoTable">']
    r.append("<tr>" + td("第二十条第（一）项", cs=4) + "</tr>")
    r.append("<tr>" + td("信息内容") + td("本年制发件数") + td("本年废止件数") + td("现行有效件数") + "</tr>")
    for key, label in (("rules", "规章"), ("normative_documents", "行政规范性文件")):
        t = a[key]
        r.append("<tr>" + td(label) + values([t["issued"], t["repealed"], t["in_force"]]) + "</tr>")
    for item, rows, head in (("（五）", [("licensing", "行政许可")], "本年处理决定数量"),
                             ("（六）", [("punishment", "行政处罚"), ("enforcement", "行政强制")], "本年处理决定数量"),
                             ("（八）", [("fees", "行政事业性收费")], "本年收费金额（单位：万元）")):
        r.append("<tr>" + td(f"第二十条第{item}项", cs=4) + "</tr>")
        r.append("<tr>" + td("信息内容") + td(head, cs=3) + "</tr>")
        for key, label in rows:
            r.append("<tr>" + td(label) + td(v(a[key]), cs=3) + "</tr>")
    return "\n".join(r + ["</table>"])


def app_table(apps):
    r = ['<table border="1">',
         "<tr>" + td("（本列数据的勾稽关系为：第一项加第二项之和，<br>等于第三项加第四项之和）", rs=3, cs=3) + td("申请人情况", cs=7) + "</tr>",
         "<tr>" + td("自然人", rs=2) + td("法人或其他组织", cs=5) + td("总计", rs=2) + "</tr>",
         "<tr>" + "".join(td(x) for x in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")) + "</tr>"]
    for key, label in APP:
        r.append("<tr>" + td(label, cs=3) + values(apps[key]) + "</tr>")
    first = True
    for group, subs in RESULTS:
        for i, (key, sub) in enumerate(subs):
            cells = td("三、本年度办理结果", rs=22) if first else ""
            first = False
            if sub is None:
                cells += td(group, cs=2)
            else:
                if i == 0:
                    cells += td(group, rs=len(subs))
                cells += td(sub)
            r.append("<tr>" + cells + values(apps[key]) + "</tr>")
    r.append("<tr>" + td("四、结转下年度继续办理", cs=3) + values(apps["carried_forward"]) + "</tr>")
    return "\n".join(r + ["</table>"])


def rl_table(rl):
    labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    r = ['<table border="1">', "<tr>" + td("行政复议", cs=5) + td("行政诉讼", cs=10) + "</tr>",
         "<tr>" + "".join(td(x, rs=2) for x in labels) + td("未经复议直接起诉", cs=5) + td("复议后起诉", cs=5) + "</tr>",
         "<tr>" + "".join(td(x) for x in labels * 2) + "</tr>",
         "<tr>" + values(rl["review"] + rl["litigation_direct"] + rl["litigation_after_review"]) + "</tr>"]
    return "\n".join(r + ["</table>"])


def report(t, images=False):
    y, ag = t["year"], t["agency"]
    new = t["applications"]["new_received"][6]
    said = f"全年共收到政府信息公开申请{v(new)}件，均按时答复。" if new is not None else "依申请公开工作有序开展。"
    tables = [active_table(t["active"]), app_table(t["applications"]), rl_table(t["review_litigation"])]
    if images:
        tables = [f'<p><img src="table{i}.png" alt="表{i}"></p>' for i in (2, 3, 4)]
    return f"""<h1 class="title">{ag}{y}年政府信息公开工作年度报告</h1>
<p>本报告所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。如有疑问请与本机关联系（联系电话：0537-1234567）。</p>
<p><strong>一、总体情况</strong></p><p>{y}年，本机关认真贯彻落实《条例》。{said}</p>
<p><strong>二、主动公开政府信息情况</strong></p>{tables[0]}
<p><strong>三、收到和处理政府信息公开申请情况</strong></p>{tables[1]}
<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>{tables[2]}
<p><strong>五、存在的主要问题及改进情况</strong></p><p>政策解读质量有待提升。</p>
<p><strong>六、其他需要报告的事项</strong></p><p>本年度未收取信息处理费。</p>"""


def page(body, meta):
    return f"""<!DOCTYPE html><html><head>{meta}<title>{'年度报告'}_门户网站</title>
<style>.nav {{ color: red }}</style><script>var share = "分享到微信"; document.write("<p>广告</p>");</script></head>
<body><div class="top">首页 | 政务公开 | 政务服务 | 互动交流</div>
<div class="crumb">当前位置：首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>
<table class="layout" width="100%"><tr><td class="left"><ul><li>政府信息公开指南</li><li>政府信息公开制度</li><li>法定主动公开内容</li></ul></td>
<td class="main">{body}<div class="share">分享到：微信 微博 &nbsp; 【打印】 【关闭】</div></td></tr></table>
<div class="footer">主办单位：某某人民政府办公室 &nbsp; 网站标识码：3708000001 &nbsp; 鲁ICP备00000000号</div>
<noscript>请启用脚本</noscript></body></html>"""


def main():
    os.makedirs(OUT, exist_ok=True)
    for stem in ("000", "001", "002.wu", "003", "004.labels"):
        truth = os.path.join(SRC, stem + ".truth.json")
        t = json.load(open(truth, encoding="utf-8"))
        body = report(t)
        variants = {
            f"{stem}.utf8": (page(body, '<meta charset="utf-8">'), "utf-8"),
            f"{stem}.gbk": (page(body, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'), "gbk"),
        }
        if stem == "001":
            variants[f"{stem}.nometa.gbk"] = (page(body, ""), "gbk")
        for name, (html, enc) in variants.items():
            with open(os.path.join(OUT, name + ".html"), "wb") as f:
                f.write(html.encode(enc))
            shutil.copy(truth, os.path.join(OUT, name + ".truth.json"))
    t = json.load(open(os.path.join(SRC, "003.truth.json"), encoding="utf-8"))
    with open(os.path.join(OUT, "imagetables.html"), "wb") as f:
        f.write(page(report(t, images=True), '<meta charset="utf-8">').encode("utf-8"))


if __name__ == "__main__":
    main()
