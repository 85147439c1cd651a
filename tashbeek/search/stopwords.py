"""Stop words per language, in the analyser's normalised form (Arabic after alef/yeh/teh
marbuta folding, so "إلى" is "الي"). Function words, and the words people use to phrase a
need ("how", "we want", "نبحث") that say nothing about its subject."""

from tashbeek.core.text import normalise as _fold

_AR = """
في من الى إلى على عن مع او أو ثم أن إن ان كان كانت يكون تكون هذا هذه ذلك تلك هو هي هم هن
نحن انا أنا انت أنت التي الذي الذين اللذان اللواتي ما ماذا لماذا كيف كيفية متى اين أين هل
لا لم لن قد كل بعض غير بين عند عبر حتى بعد قبل خلال ضمن حول لدى لكن بل اذا إذا وهو وهي
التى الى منذ وفي ومن وعلى وقد كما ايضا أيضا فقط مثل جدا نريد نحتاج نبحث نود يمكن يمكننا
لنا لدينا عندنا لها له لهم به بها فيها فيه منها منه عليها عليه ذات ذو نحو دون أي اي تم
"""
_FR = """
le la les un une des du de d l à au aux et ou en dans par pour sur avec sans sous
ce cet cette ces qui que quoi dont où est sont été être a ont avoir se sa son ses leur leurs
nous vous ils elles il elle on ne pas plus comme mais donc car si y notre nos votre vos
comment quel quelle quels quelles faire fait peut pouvons voulons souhaitons cherchons
besoin
"""
_EN = """
a an the and or of to in on at by for from with without into onto over under about as is
are was were be been being it its this that these those we our us you your they their them
he she his her which who whom what when where why how not no do does did can could would
should will shall may might must have has had than then so such very also just more most
need needs want looking help
"""
_HE = """
של את על עם אל מן גם כי אם או לא כל זה זו זאת הוא היא הם הן אנחנו אני אתה את מה איך למה
מתי איפה יש אין היה היתה הייתה להיות כמו אבל רק עוד כבר בין אחרי לפני תחת מול צריכים
"""

STOP_WORDS = frozenset(
    _fold(word) if any("\u0600" <= ch <= "\u06ff" for ch in word) else word.casefold()
    for word in (_AR + _FR + _EN + _HE).split()
)
