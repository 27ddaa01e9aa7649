"""Telling a person's name from the words around it.

The ``——访`` line runs role, organisation, post and name together with no
separator ("…公司董事长欧阳某某"), so the name is found as a suffix that starts
with a surname and that the article itself uses on its own.
"""

from __future__ import annotations

import re

# Common single-character surnames (a general table, not tied to any corpus).
SINGLE_SURNAMES = frozenset(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章"
    "云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常"
    "乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞"
    "熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍"
    "虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁"
    "荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫"
    "宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙"
    "池乔阴胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂濮牛寿通边扈燕冀郏浦尚农温"
    "别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧"
    "殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相查后荆红游"
    "竺权逯盖益桓公代闫练覃付揭冼佘粟麦肖邝商綦庹仉楚谯笪佟郄邸鄢麴牟"
    "岳兰涂芦苟隋丛苑迟栗谌楼仝帅朴漆卿鹿辜亓赫冶檀尧甯禤亢郇禚琚缑弭闾"
    # Rarer ones still borne today; characters that are mostly words (海, 年, 法, 福)
    # are left out: a name needs a known surname only where nothing else vouches for it.
    "郤汝钦况郈佴哈眭郯铁逢晋区"
)

COMPOUND_SURNAMES = frozenset(
    {
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "轩辕",
        "令狐",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "澹台",
        "呼延",
        "钟离",
        "闻人",
        "赫连",
        "申屠",
        "太史",
        "濮阳",
        "公羊",
        "万俟",
        "百里",
        "淳于",
        "鲜于",
        "单于",
        "公冶",
        "宗政",
        "太叔",
        "仲孙",
        "闾丘",
        "司空",
        "亓官",
        "司寇",
        "子车",
        "颛孙",
        "巫马",
        "公西",
        "漆雕",
        "乐正",
        "壤驷",
        "公良",
        "拓跋",
        "夹谷",
        "宰父",
        "谷梁",
        "段干",
        "东郭",
        "羊舌",
        "微生",
        "梁丘",
        "左丘",
        "相里",
        "第五",
        "南门",
        "东门",
        "南郭",
        "公户",
        "归海",
    }
)


# Tibetan given names are two of these, written without a dot and without a surname
# (a general table of common name parts, not tied to any corpus).
TIBETAN_NAME_PARTS = frozenset(
    """
    扎西 次仁 才让 卓玛 卓嘎 格桑 央金 达瓦 达娃 尼玛 多吉 多杰 旦增 丹增 平措 罗布
    德吉 拉姆 白玛 曲珍 仁增 索朗 普布 边巴 巴桑 桑珠 洛桑 顿珠 旺堆 益西 贡布 加措
    嘉措 措姆 强巴 次旦 群培 拉巴 米玛 玉珍 央宗 措吉 桑杰 旺姆 仁青 贡嘎 土登 阿旺
    朗杰 丹巴 泽仁 扎巴 更登 拉珍 德庆 次珍 卓玛 琼达 旺久 巴珠 欧珠 赤列 晋美 群宗
    """.split()
)


def tibetan_name(candidate: str) -> bool:
    """Two common Tibetan name parts (次仁卓嘎, 扎西多吉): a name with no surname."""
    return len(candidate) == 4 and {candidate[:2], candidate[2:]} <= TIBETAN_NAME_PARTS


_HAN_RE = re.compile("[\u4e00-\u9fff\u3007]+")


def is_han(text: str) -> bool:
    """Is ``text`` Chinese characters only (〇 among them), and not empty?"""
    return _HAN_RE.fullmatch(text) is not None


def surname_of(name: str) -> str:
    """The surname of ``name`` in normal form: two characters for a compound surname."""
    return name[:2] if name[:2] in COMPOUND_SURNAMES else name[:1]


def plausible_name(candidate: str) -> bool:
    """A 2–4 character Han string that starts with a surname."""
    if not is_han(candidate) or not 2 <= len(candidate) <= 4:
        return False
    if len(candidate) == 4:
        return candidate[:2] in COMPOUND_SURNAMES or tibetan_name(candidate)
    return candidate[:2] in COMPOUND_SURNAMES or candidate[0] in SINGLE_SURNAMES


def split_trailing_name(text: str, body: str) -> tuple[str, str | None]:
    """Split ``text`` into (what comes before the name, the name).

    Among suffixes of 2–4 characters, prefer the longest plausible one that
    the body uses as often as its two-character tail: every "王芳说" in the body
    counts for "王芳" but not for "表王芳", so the role's last character never
    leaks into the name. Without help from the body, fall back on surnames.
    """
    text = text.strip()
    if is_han(text) and 2 <= len(text) <= 3:
        # Nothing but the name is left once the roles are taken off.
        return "", text
    candidates = [text[-n:] for n in (4, 3, 2) if len(text) >= n and plausible_name(text[-n:])]
    shortest = text[-2:]
    base = body.count(shortest)
    if not candidates:
        # An unlisted surname: trust the body if it uses one suffix on its own.
        for n in (3, 2):
            cand = text[-n:]
            if len(text) >= n and is_han(cand) and base and body.count(cand) == base:
                return text[: len(text) - n], cand
        return text, None
    if base:
        for cand in candidates:
            if body.count(cand) == base:
                return text[: len(text) - len(cand)], cand
    # The body never settles it: three characters is the commonest name length.
    for cand in candidates:
        if len(cand) == 3 or cand[:2] in COMPOUND_SURNAMES:
            return text[: len(text) - len(cand)], cand
    cand = candidates[-1]
    return text[: len(text) - len(cand)], cand
