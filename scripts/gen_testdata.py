#!/usr/bin/env python3
"""One-off generator of testdata/reconsideration-2022.csv and litigation-2022.csv.

Deterministic (seeded). Dates fall on working days of the 2021-2023 State
Council calendars. Kept so the files can be regenerated and reviewed; the
committed CSV files are the test fixtures.
"""
import csv, datetime as dt, random

rnd = random.Random(20221231)
D = dt.date
HOL = set()
WORK = set()
def span(a, b):
    d = a
    while d <= b:
        yield d
        d += dt.timedelta(days=1)
for a, b in [(D(2021,10,1),D(2021,10,7)),(D(2022,1,1),D(2022,1,3)),(D(2022,1,31),D(2022,2,6)),(D(2022,4,3),D(2022,4,5)),
             (D(2022,4,30),D(2022,5,4)),(D(2022,6,3),D(2022,6,5)),(D(2022,9,10),D(2022,9,12)),(D(2022,10,1),D(2022,10,7)),
             (D(2022,12,31),D(2023,1,2)),(D(2023,1,21),D(2023,1,27)),(D(2023,4,5),D(2023,4,5)),(D(2023,4,29),D(2023,5,3))]:
    HOL.update(span(a, b))
WORK.update([D(2022,1,29),D(2022,1,30),D(2022,4,2),D(2022,4,24),D(2022,5,7),D(2022,10,8),D(2022,10,9),D(2023,1,28),D(2023,1,29),D(2023,4,23),D(2023,5,6)])
def workday(d):
    return d in WORK or (d.weekday() < 5 and d not in HOL)
def next_work(d):
    while not workday(d):
        d += dt.timedelta(days=1)
    return d
def add_work(d, n):
    while n > 0:
        d += dt.timedelta(days=1)
        if workday(d):
            n -= 1
    return d
def rand_work(a, b):
    return next_work(a + dt.timedelta(days=rnd.randrange((b - a).days + 1)))

SUR = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIV = ["建国","秀兰","志强","桂英","国庆","丽娟","红霞","海军","晓东","玉梅","振华","春生","金凤","永刚","淑珍","德明","小燕","卫东","新民","俊杰","雪梅","保全","文静","铁柱"]
def person():
    return rnd.choice(SUR) + rnd.choice(GIV)
W = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
def idcard():
    body = "410381" + D(1950,1,1).__add__(dt.timedelta(days=rnd.randrange(20000))).strftime("%Y%m%d") + "%03d" % rnd.randrange(1000)
    return body + "10X98765432"[sum(int(c)*w for c, w in zip(body, W)) % 11]
CH = "0123456789ABCDEFGHJKLMNPQRTUWXY"
UW = [1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28]
def uscc():
    org = "".join(rnd.choice("0123456789") for _ in range(8))
    s = sum(CH.index(c)*w for c, w in zip(org, [3,7,9,10,5,8,4,2]))
    oc = 11 - s % 11
    org += {10: "X", 11: "0"}.get(oc, str(oc))
    body = "91410381" + org
    c = 31 - sum(CH.index(x)*w for x, w in zip(body, UW)) % 31
    return body + CH[0 if c == 31 else c]
COMP = ["偃师市恒达建材有限公司","洛阳宏鑫物流有限公司","偃师区顺发商贸有限公司","洛阳嘉和置业有限公司","偃师市鑫源机械制造有限公司","洛阳万通汽车服务有限公司"]
RESP = ["偃师区市场监督管理局","洛阳市公安局偃师分局","洛阳市自然资源和规划局偃师分局","偃师区人力资源和社会保障局","偃师区住房和城乡建设局",
        "区城市管理局","偃师区槐新街道","首阳山街道","偃师区交通运输局","偃师区卫生健康委员会","偃师区民政局","偃师区农业农村局","缑氏镇","偃师区岳滩镇"]
ACTS = ["行政处罚","行政处罚","行政处罚","行政强制","行政许可","政府信息公开","举报投诉处理","行政不作为","行政确认","行政征收征用"]
CONC = ["维持"]*9 + ["驳回复议请求"]*2 + ["撤销","确认违法","撤回申请终止","撤回申请终止","调解","责令履行"]
HANDLERS = ["郭晓东","李丽娟","王志强","赵雪梅"]

def reconsideration():
    rows = []
    def case(year, n, received, result, accepted=None, concluded=None, conclusion=None, procedure="普通", extended="否"):
        corp = rnd.random() < 0.3
        r = {"案号": f"偃政复〔{year}〕{n}号", "申请人": rnd.choice(COMP) if corp else person(),
             "申请人类型": "法人" if corp else "自然人", "申请人证件号": uscc() if corp else idcard(),
             "被申请人": rnd.choice(RESP), "行为类别": rnd.choice(ACTS), "申请方式": rnd.choice(["书面","书面","网上","邮寄","口头"]),
             "收到申请日期": received, "审查结果": result, "受理日期": accepted or "", "审理程序": procedure if accepted else "",
             "是否延期": extended if accepted else "", "结案日期": concluded or "", "结案方式": conclusion or "",
             "决定书文号": f"偃政复决〔{concluded.year}〕{n}号" if concluded and conclusion not in ("撤回申请终止",) else "",
             "承办人": rnd.choice(HANDLERS), "中止日期": "", "恢复日期": ""}
        rows.append(r)
        return r
    # Carry-over from 2021: received in December 2021, concluded in 2022.
    for i, (rec, acc) in enumerate([(D(2021,12,6), D(2021,12,10)), (D(2021,12,16), D(2021,12,22)), (D(2021,12,29), D(2022,1,5))]):
        concl = add_work(acc, 25 + i * 5)
        case(2021, 61 + i, rec, "受理", acc, concl, rnd.choice(CONC))
    # 51 received in 2022.
    received = sorted(rand_work(D(2022,1,4), D(2022,12,20)) for _ in range(47))
    n = 0
    open_left = 6  # accepted in 2022, still open at the year's end
    for i, rec in enumerate(received):
        n += 1
        acc = add_work(rec, rnd.randint(1, 5))
        result = "视为受理" if i % 13 == 5 else "受理"
        if result == "视为受理":
            # 2017 law art 17: an application not refused within 5 working
            # days counts as accepted from the day it was received.
            acc = rec
        simple = i % 9 == 2
        if i >= len(received) - open_left:
            case(2022, n, rec, result, acc, None, None, "普通")
            continue
        days = rnd.randint(18, 28) if simple else rnd.randint(30, 55)
        concl = next_work(acc + dt.timedelta(days=days))
        if concl.year > 2022:
            concl = D(2022, 12, 30)
        extended = "否"
        # The simplified procedure exists only under the 2023 law (art 53); 2022 cases are all 普通.
        r = case(2022, n, rec, result, acc, concl, rnd.choice(CONC), "普通", extended)
        if i == 7:  # one suspended case: 中止 then 恢复
            r["中止日期"] = add_work(acc, 10)
            r["恢复日期"] = add_work(acc, 20)
    # Received late in 2022, accepted in January 2023.
    n += 1
    case(2022, n, D(2022,12,26), "受理", D(2023,1,3), None, None)
    # Refused and forwarded.
    for res, rec in [("不予受理", D(2022,3,14)), ("不予受理", D(2022,8,23)), ("转送", D(2022,6,20))]:
        n += 1
        case(2022, n, rec, res)
    # 2023 case, outside the year.
    case(2023, 1, D(2023,1,9), "受理", D(2023,1,12), None, None)
    rows.sort(key=lambda r: r["收到申请日期"])
    return rows

def title_for(unit, appearance):
    if unit.endswith("镇"):
        titles = ("镇长", "副镇长", "镇党委委员")
    elif unit.endswith("街道"):
        titles = ("办事处主任", "办事处副主任", "街道党工委委员")
    elif unit.endswith("委员会"):
        titles = ("主任", "副主任", "党组成员")
    else:
        titles = ("局长", "副局长", "党组成员")
    return titles[["正职负责人出庭", "副职负责人出庭", "其他负责人出庭"].index(appearance)]

CAUSES_BY_UNIT = {
    "偃师区市场监督管理局": ["诉行政处罚", "诉举报投诉处理", "诉政府信息公开"],
    "洛阳市公安局偃师分局": ["诉治安管理处罚", "诉行政强制", "诉政府信息公开"],
    "洛阳市自然资源和规划局偃师分局": ["诉土地行政处罚", "诉不动产登记", "诉土地征收补偿"],
    "偃师区人力资源和社会保障局": ["诉工伤认定", "诉劳动保障监察", "诉政府信息公开"],
    "偃师区住房和城乡建设局": ["诉行政处罚", "诉房屋征收补偿", "诉不履行法定职责"],
    "区城市管理局": ["诉行政强制拆除", "诉行政处罚"],
    "偃师区交通运输局": ["诉超限运输行政处罚", "诉行政许可"],
    "偃师区卫生健康委员会": ["诉行政处罚", "诉政府信息公开"],
    "偃师区民政局": ["诉婚姻登记", "诉最低生活保障", "诉政府信息公开"],
    "偃师区农业农村局": ["诉行政处罚", "诉土地承包经营权", "诉政府信息公开"],
}
TOWN_CAUSES = ["诉行政强制拆除", "诉土地征收补偿", "诉不履行法定职责", "诉政府信息公开"]

def cause_for(unit, i):
    causes = CAUSES_BY_UNIT.get(unit, TOWN_CAUSES)
    return causes[i % len(causes)]

COURT1 = "偃师区人民法院"
def litigation():
    rows = []
    causes = ["诉行政处罚","诉行政强制拆除","诉不履行法定职责","诉政府信息公开","诉行政确认","诉工伤认定","诉行政协议","诉土地征收补偿"]
    heads = [("正职负责人出庭", "局长"), ("副职负责人出庭", "副局长"), ("其他负责人出庭", "党组成员")]
    no = {"一审": 3, "二审": 40}
    def case(rec, hearing, appearance, instance="一审", judged=None):
        year = rec.year
        no[instance] += rnd.randint(1, 4)
        cno = f"（{year}）豫0381行初{no[instance]}号" if instance == "一审" else f"（{year}）豫03行终{no[instance]}号"
        kind, title = (appearance, rnd.choice(["局长","镇长","副局长","主任"])) if appearance else (None, None)
        corp = rnd.random() < 0.3
        r = {"案号": cno, "审级": instance, "法院": COURT1 if instance == "一审" else "洛阳市中级人民法院",
             "原告": rnd.choice(COMP) if corp else person(), "被告": rnd.choice(RESP), "案由": rnd.choice(causes),
             "收到起诉状副本日期": rec, "答辩提交日期": add_work(rec, rnd.randint(5, 9)), "开庭日期": hearing or "",
             "出庭人员": person() if hearing else "", "出庭人员职务": title if hearing else "", "出庭情况": appearance or "未开庭",
             "裁判日期": judged or "", "裁判结果": ("驳回诉讼请求" if judged and rnd.random() < 0.9 else ("撤销行政行为" if judged else "")),
             "是否败诉": "", "履行情况": ""}
        if judged:
            r["是否败诉"] = "是" if r["裁判结果"] == "撤销行政行为" else "否"
            r["履行情况"] = "已履行" if r["是否败诉"] == "是" else ""
        # The appearer's title and the cause follow the defendant (drawn
        # values are mapped, so the random stream stays as it was).
        if hearing:
            r["出庭人员职务"] = title_for(r["被告"], appearance)
        r["案由"] = cause_for(r["被告"], causes.index(r["案由"]))
        rows.append(r)
    # Two 2021 cases heard in 2022.
    for rec in [D(2021,11,22), D(2021,12,13)]:
        h = add_work(rec, 35)
        case(rec, h, rnd.choice(heads)[0], judged=add_work(h, 20))
    recs = sorted(rand_work(D(2022,1,10), D(2022,11,4)) for _ in range(33))
    for i, rec in enumerate(recs):
        h = add_work(rec, rnd.randint(20, 30))
        judged = add_work(h, rnd.randint(10, 30)) if i % 5 != 4 else None
        if judged and judged.year > 2022:
            judged = None
        case(rec, h, heads[i % 3][0], "二审" if i % 11 == 10 else "一审", judged)
    # Two received in December 2022, heard in 2023.
    for rec in [D(2022,12,5), D(2022,12,12)]:
        case(rec, add_work(rec, 30), "副职负责人出庭")
    rows.sort(key=lambda r: r["收到起诉状副本日期"])
    return rows

def write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(list(rows[0].keys()))
        for r in rows:
            w.writerow([v.isoformat() if isinstance(v, dt.date) else v for v in r.values()])

write("testdata/reconsideration-2022.csv", reconsideration())
write("testdata/litigation-2022.csv", litigation())
