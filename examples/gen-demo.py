#!/usr/bin/env python3
"""
gen-demo.py: write the salesdesk demo data directory.

    python3 examples/gen-demo.py examples/demo

One year in the life of Lakeshore Office Systems, a dealer of printers,
copiers, service and supplies with twelve reps in three time zones.  The
demo's "now" is 2026-12-01T08:30 America/Chicago, a Tuesday:

    SALESDESK_NOW=2026-12-01T08:30 SALESDESK_DIR=examples/demo schedule agenda

Sales and expenses run from 2025-12-01 to 2026-11-30, meetings from
2026-09-01 to 2026-12-18, follow-ups and orders cluster around now.  Every
file has the columns of SPEC section 2 in order, written as RFC 4180 CSV
with LF line ends and quotes only where needed.  The generator uses a fixed
seed and the standard library only, so a rerun writes identical files.
"""

import csv
import os
import random
import sys
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

SEED = 20261201
HOME = "America/Chicago"
NOW = datetime(2026, 12, 1, 8, 30, tzinfo=ZoneInfo(HOME))
TODAY = NOW.date()
YEAR_FROM, YEAR_TO = date(2025, 12, 1), date(2026, 11, 30)
BOOK_FROM, BOOK_TO = date(2026, 9, 1), date(2026, 12, 18)
DOMAIN = "lakeshore-office.example"
HOLIDAYS = [date(2025, 12, 25), date(2026, 1, 1), date(2026, 5, 25),
            date(2026, 7, 3), date(2026, 9, 7), date(2026, 11, 26),
            date(2026, 12, 25), date(2027, 1, 1)]
BUFFER, TRAVEL = 15, 30         # [schedule] buffer and travel, minutes

COLUMNS = {
    "reps.csv": "rep,name,email,phone,region,products,timezone,hours,days,"
                "capacity,weight,active",
    "clients.csv": "client,name,contact,phone,email,region,industry,rep,"
                   "stage,created",
    "meetings.csv": "id,rep,client,start,end,kind,location,status,note",
    "followups.csv": "id,client,rep,due,kind,status,source,intent,"
                     "probability,value,terms,roadblocks,next_step,note,"
                     "updated",
    "followup-log.csv": "at,followup,intent,probability,value,terms,"
                        "roadblocks,note",
    "assignments.csv": "at,client,region,product,rep,reason",
    "sales.csv": "date,rep,client,region,product,quantity,amount",
    "targets.csv": "period,rep,region,product,target",
    "expenses.csv": "date,rep,category,amount,note",
    "travel.csv": "from,to,minutes",
    "orders.csv": "order,client,rep,product,ordered,promised,shipped,"
                  "installed,status,issue",
}

ZONES = {"East": "America/New_York", "Central": "America/Chicago",
         "West": "America/Los_Angeles"}

# rep, name, region, zone region, products, hours, days, capacity, weight,
# active.  Capacity "at" is filled in later: that rep ends up carrying as
# many open follow-ups as the cap allows, so assign-rep has one to skip.
REPS = [
    ("alice", "Alice Moreau", "East", "East", "*", "", "", "30", 2, "yes"),
    ("bruno", "Bruno Costa", "East", "East", "printers;supplies",
     "08:00-16:00", "", "25", 1, "yes"),
    ("carmen", "Carmen Ortiz", "East", "East", "copiers;service", "", "",
     "", 1, "yes"),
    ("dmitri", "Dmitri Volkov", "East", "East", "printers;copiers", "", "",
     "", 1, "yes"),
    ("elena", "Elena Rossi", "Central", "Central", "*", "", "", "30", 2,
     "yes"),
    ("farid", "Farid Haddad", "Central", "Central",
     "printers;copiers;supplies", "", "", "", 1, "yes"),
    ("grace", "Grace Kim", "Central", "Central", "service;supplies", "",
     "mon,tue,thu", "15", 1, "yes"),
    ("hiro", "Hiro Tanaka", "*", "Central", "copiers;service", "", "", "at",
     1, "yes"),
    ("ines", "Ines Duarte", "West", "West", "*", "", "", "30", 2, "yes"),
    ("jamal", "Jamal Carter", "West", "West", "printers;copiers",
     "08:00-16:00", "", "", 1, "yes"),
    ("kate", "Kate Sullivan", "West", "West", "copiers;service;supplies", "",
     "", "25", 1, "yes"),
    ("luis", "Luis Herrera", "West", "West", "printers;supplies", "", "",
     "", 1, "no"),
]
PRODUCTS = ["printers", "copiers", "service", "supplies"]
LUIS_LEFT = date(2026, 7, 31)

CITIES = {
    "East": ["New York", "Newark", "Jersey City", "Stamford", "White Plains",
             "Hoboken"],
    "Central": ["Chicago", "Evanston", "Naperville", "Schaumburg", "Joliet",
                "Oak Brook"],
    "West": ["Los Angeles", "Pasadena", "Long Beach", "Irvine",
             "Santa Monica", "Burbank"],
}
TRAVEL_PAIRS = [
    ("New York", "Newark", 45), ("New York", "Stamford", 70),
    ("New York", "White Plains", 55), ("Newark", "Jersey City", 25),
    ("Chicago", "Evanston", 35), ("Chicago", "Naperville", 60),
    ("Chicago", "Schaumburg", 50), ("Naperville", "Joliet", 35),
    ("Los Angeles", "Pasadena", 35), ("Los Angeles", "Long Beach", 45),
    ("Long Beach", "Irvine", 40), ("Los Angeles", "Irvine", 75),
]
AREA = {"East": ["212", "718", "973", "914", "203"],
        "Central": ["312", "773", "847", "630", "815"],
        "West": ["213", "310", "626", "562", "949"]}

FIRST = ["James", "Maria", "Robert", "Linda", "Michael", "Patricia", "David",
         "Jennifer", "William", "Susan", "Richard", "Karen", "Joseph",
         "Nancy", "Thomas", "Lisa", "Daniel", "Sandra", "Matthew", "Ashley",
         "Anthony", "Kimberly", "Mark", "Donna", "Steven", "Michelle", "Paul",
         "Carol", "Andrew", "Amanda", "Joshua", "Melissa", "Kevin", "Deborah",
         "Brian", "Stephanie", "Omar", "Priya", "Wei", "Fatima", "Diego",
         "Aisha", "Tomasz", "Yuki", "Sean", "Rosa", "Ivan", "Nadia"]
LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
        "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson",
        "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
        "Perez", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker",
        "Young", "Allen", "King", "Wright", "Scott", "Nguyen", "Patel",
        "Kowalski", "O'Brien", "Schmidt", "Chen", "Novak", "Okafor"]
PLACES = ["Lakeview", "Harbor", "Summit", "Prairie", "Granite", "Cedar",
          "Beacon", "Maple", "Riverside", "Pioneer", "Keystone", "Bluebird",
          "Ironwood", "Silver Lake", "Northgate", "Oakridge", "Redwood",
          "Meridian", "Crescent", "Willow", "Bayside", "Hillcrest",
          "Union Square", "Parkside", "Elm Street", "Westfield", "Eastgate",
          "Sunrise", "Highland", "Lakeshore Drive", "Brookside", "Fairview"]
# business kind -> industry; only businesses get "Inc." and the like
KINDS = [
    ("Dental Group", "healthcare"), ("Family Medicine", "healthcare"),
    ("Animal Hospital", "healthcare"), ("Law Offices", "legal"),
    ("Legal Aid", "legal"), ("Logistics", "logistics"),
    ("Freight", "logistics"), ("Realty", "real estate"),
    ("Property Management", "real estate"), ("Academy", "education"),
    ("Charter School", "education"), ("Public Library", "government"),
    ("Water District", "government"), ("Manufacturing", "manufacturing"),
    ("Tool & Die", "manufacturing"), ("Packaging", "manufacturing"),
    ("Accounting", "finance"), ("Credit Union", "finance"),
    ("Insurance Agency", "finance"), ("Architects", "professional services"),
    ("Engineering", "professional services"), ("Hotel", "hospitality"),
    ("Catering", "hospitality"), ("Auto Group", "retail"),
    ("Hardware", "retail"), ("Print & Mail", "professional services"),
]
SUFFIXES = ["", "", "", ", Inc.", ", LLC", " & Co."]
PLAIN = ["healthcare", "education", "government"]
# names that need quoting on output, and a few that only look like they do
ODD_NAMES = [
    ('The "Corner" Print Shop', "retail"),
    ('Big "O" Tires, Inc.', "retail"),
    ("Dr. O'Malley's Pediatrics", "healthcare"),
    ("Smith, Jones & Patel, CPAs", "finance"),
    ('"Fresh Start" Staffing', "professional services"),
    ("Alvarez & Sons Plumbing, Co.", "professional services"),
    ("St. Mary's Parish School", "education"),
    ("Rivera, Kim & Associates", "legal"),
]

CATALOG = {     # unit prices in cents
    "printers": [28900, 44900, 68900, 124900, 219000, 289000],
    "copiers": [349000, 589000, 845000, 1190000, 1490000],
    "service": [12500, 12500, 48000, 96000, 120000],
    "supplies": [1899, 4250, 8900, 12900, 18900],
}
QTY = {"printers": (1, 6), "copiers": (1, 2), "service": (1, 8),
       "supplies": (2, 30)}
MIX = {"printers": 3, "copiers": 1.2, "service": 2.5, "supplies": 5}
# quarter ends sell more, December and summer less
SEASON = {1: 0.85, 2: 0.9, 3: 1.15, 4: 0.95, 5: 1.0, 6: 1.15, 7: 0.85,
          8: 0.85, 9: 1.15, 10: 1.0, 11: 1.05, 12: 0.9}

NOTES = {
    "meeting": ["intro meeting", "needs 3 MFPs for the new office",
                "lease ends in March", "wants color A3 pricing",
                "meet the office manager", "replace aging fleet", ""],
    "demo": ["demo A3 color copier", "demo print management, bring samples",
             "show secure release printing", "demo for the IT lead", ""],
    "visit": ["quarterly review", "check the install", "toner usage review",
              "bring paper samples, brochure", "meet the new CFO", ""],
    "call": ["check-in", "quote follow-up", "renewal question",
             "billing question", "", ""],
}
TERMS = ["36-month lease, 4% off list", "net 30", "60-month lease",
         "first year of service included", "price lock through 2027",
         "trade-in credit on old unit", "cost per page 0.9 cents"]
ROADBLOCKS = ["budget frozen until Q1", "competing quote 8% lower",
              "needs board approval", "IT security review pending",
              "current lease runs to June", "decision maker on leave",
              "wants a longer trial"]
NEXT_STEPS = ["send revised quote", "schedule a demo", "call the CFO",
              "email the contract", "book the install", "send references",
              "confirm the trade-in"]
ISSUES = ["toner streaks on every page", "wrong paper tray delivered",
          "scanner not sending to email", "jams in the duplexer",
          "billing meter reads too high", "stapler finisher missing",
          "network card dead on arrival"]

rng = random.Random(SEED)
zone_cache = {}


def zone(name):
    if name not in zone_cache:
        zone_cache[name] = ZoneInfo(name)
    return zone_cache[name]


def business_day(d):
    return d.weekday() < 5 and d not in HOLIDAYS


def add_bdays(d, n):
    step = 1 if n >= 0 else -1
    while n:
        d += timedelta(days=step)
        if business_day(d):
            n -= step
    return d


def days(a, b):
    """Every date from a to b inclusive."""
    out = []
    while a <= b:
        out.append(a)
        a += timedelta(days=1)
    return out


def bdays(a, b):
    return [d for d in days(a, b) if business_day(d)]


def moment(tz, d, minute):
    return datetime(d.year, d.month, d.day, minute // 60, minute % 60,
                    tzinfo=zone(tz))


def stamp(dt):
    return dt.isoformat(timespec="minutes")


def office_stamp(d, lo=9 * 60, hi=16 * 60 + 30):
    """A time on day d during Chicago office hours, on a 5-minute mark."""
    return moment(HOME, d, rng.randrange(lo, hi, 5))


def money(cents):
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return "%s%d.%02d" % (sign, cents // 100, cents % 100)


def rounded(cents, unit):
    return max(unit, (cents + unit // 2) // unit * unit)


class Phones:
    """Unique 555-01xx numbers, the range kept for fiction."""

    def __init__(self):
        self.used = {}

    def take(self, region):
        while True:
            area = rng.choice(AREA[region])
            num = "%s-555-01%02d" % (area, rng.randrange(100))
            if num not in self.used:
                self.used[num] = True
                return num


phones = Phones()


def slug(text):
    out = "".join(c.lower() if c.isalnum() else "-" for c in text)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


# --- reps ---------------------------------------------------------------

def make_reps():
    reps = []
    for r in REPS:
        rep, name, region, zreg, products, hours, dys, cap, w, active = r
        reps.append({
            "rep": rep, "name": name,
            "email": "%s@%s" % (rep, DOMAIN),
            "phone": phones.take(zreg), "region": region,
            "products": products, "timezone": ZONES[zreg], "hours": hours,
            "days": dys, "capacity": cap, "weight": str(w),
            "active": active,
        })
    return reps


def sells(rep, product):
    return rep["products"] == "*" or product in rep["products"].split(";")


def rep_products(rep):
    return [p for p in PRODUCTS if sells(rep, p)]


def covers(rep, region):
    return rep["region"] in ("*", region)


# --- clients ------------------------------------------------------------

def company_names(n):
    names = list(ODD_NAMES)
    seen = dict.fromkeys(nm for nm, _ in names)
    while len(names) < n:
        kind, industry = rng.choice(KINDS)
        base = "%s %s" % (rng.choice(PLACES), kind)
        if base not in seen:
            seen[base] = None
            suffix = "" if industry in PLAIN else rng.choice(SUFFIXES)
            names.append((base + suffix, industry))
    rng.shuffle(names)
    return names


def random_date(a, b):
    return a + timedelta(days=rng.randrange((b - a).days + 1))


def client_created(stage):
    if stage == "customer":
        if rng.random() < 0.85:
            d = random_date(date(2018, 3, 1), date(2025, 11, 28))
        else:
            d = random_date(YEAR_FROM, date(2026, 9, 30))
    elif stage == "prospect":
        d = random_date(date(2025, 6, 1), date(2026, 11, 20))
    else:
        d = random_date(date(2026, 8, 1), date(2026, 11, 30))
    while not business_day(d):
        d -= timedelta(days=1)
    return d


def client_owner(reps, region, stage, created):
    if stage == "lead" and rng.random() < 0.3:
        return ""
    if stage == "prospect" and rng.random() < 0.06:
        return ""
    if (stage == "customer" and region == "West" and created < LUIS_LEFT
            and rng.random() < 0.1):
        return "luis"   # left in the summer; his book is not moved yet
    if stage == "customer" and rng.random() < 0.07:
        return "hiro"
    local = [r for r in reps if r["region"] == region
             and r["active"] == "yes"]
    return rng.choices(local, [int(r["weight"]) for r in local])[0]["rep"]


def email_domain(name):
    for suffix in SUFFIXES[1:]:
        name = name.replace(suffix, "")
    words = [w for w in name.replace("'", "").split() if w != "&"]
    return slug(" ".join(words[:3]))


def make_clients(reps, n=300):
    clients = []
    for i, (nm, industry) in enumerate(company_names(n)):
        region = rng.choices(["East", "Central", "West"], [11, 10, 9])[0]
        stage = rng.choices(["customer", "prospect", "lead"], [50, 30, 20])[0]
        created = client_created(stage)
        owner = client_owner(reps, region, stage, created)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        site = email_domain(nm)
        clients.append({
            "client": "c%03d" % (i + 1), "name": nm,
            "contact": "%s %s" % (first, last),
            "phone": phones.take(region),
            "email": "%s.%s@%s.example" % (first.lower(),
                                           slug(last).replace("-", ""), site),
            "region": region, "industry": industry, "rep": owner,
            "stage": stage, "created": created,
            "city": rng.choice(CITIES[region]),
        })
    return clients


# --- sales and targets --------------------------------------------------

def months():
    out, d = [], YEAR_FROM
    while d <= YEAR_TO:
        out.append((d.year, d.month))
        d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return out


def month_days(y, m):
    last = date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)
    return bdays(date(y, m, 1), last)


def sale_line(rep, client, d):
    prods = rep_products(rep)
    product = rng.choices(prods, [MIX[p] for p in prods])[0]
    qty = rng.randint(*QTY[product])
    unit = rng.choice(CATALOG[product])
    discount = rng.choice([0, 0, 0, 2, 3, 5, 7.5, 10, 12])
    cents = round(qty * unit * (100 - discount) / 100)
    return {"date": d, "rep": rep["rep"], "client": client["client"],
            "region": client["region"], "product": product,
            "quantity": qty, "amount": cents}


def make_sales(reps, clients):
    sales = []
    for rep in reps:
        book = [c for c in clients
                if c["rep"] == rep["rep"] and c["stage"] == "customer"]
        pace = rng.uniform(25, 32) * (1.25 if rep["weight"] == "2" else 1)
        for y, m in months():
            dlist = [d for d in month_days(y, m)
                     if rep["active"] == "yes" or d <= LUIS_LEFT]
            for _ in range(round(pace * SEASON[m] * rng.uniform(0.85, 1.15))):
                if not dlist:
                    break
                d = rng.choice(dlist)
                open_ = [c for c in book if c["created"] <= d]
                if open_:
                    sales.append(sale_line(rep, rng.choice(open_), d))
    add_refunds(sales)
    sales.sort(key=lambda s: (s["date"], s["rep"], s["client"]))
    return sales


def add_refunds(sales, n=24):
    for s in rng.sample(sales, n):
        d = add_bdays(s["date"], rng.randint(5, 40))
        if d > YEAR_TO:
            continue
        qty = rng.randint(1, s["quantity"])
        r = dict(s, date=d, quantity=-qty,
                 amount=-round(s["amount"] * qty / s["quantity"]))
        sales.append(r)


def make_targets(reps, sales):
    """Targets sized so each rep lands at 80-120% of plan for the months
    that have passed; December follows the same plan."""
    actual, share = {}, {}
    for s in sales:
        if s["date"].year == 2026:
            actual[s["rep"]] = actual.get(s["rep"], 0) + s["amount"]
            key = (s["rep"], s["region"])
            share[key] = share.get(key, 0) + s["amount"]
    rows, monthly = [], {}
    for rep in reps:
        r = rep["rep"]
        last = 7 if rep["active"] == "no" else 12
        past = range(1, min(last, 11) + 1)
        perf = rng.uniform(0.82, 1.18)
        per_season = actual[r] / perf / sum(SEASON[m] for m in past)
        for m in range(1, last + 1):
            t = rounded(int(per_season * SEASON[m]), 50000)
            monthly[(r, m)] = t
            rows.append(("2026-%02d" % m, r, "", "", money(t)))
    for region in ["East", "Central", "West"]:
        for q in range(4):
            t = 0
            for rep in reps:
                r = rep["rep"]
                frac = share.get((r, region), 0) / actual[r]
                t += sum(monthly.get((r, m), 0) * frac
                         for m in range(3 * q + 1, 3 * q + 4))
            rows.append(("2026-Q%d" % (q + 1), "", region, "",
                         money(rounded(int(t), 100000))))
    team = rounded(sum(monthly.values()), 1000000)
    rows.append(("2026", "", "", "", money(team)))
    return rows


# --- orders -------------------------------------------------------------

def make_orders(sales, n=80):
    pool = [s for s in sales
            if s["product"] in ("printers", "copiers") and s["amount"] > 0
            and s["date"] >= date(2026, 9, 1)]
    pool = sorted(rng.sample(pool, min(n, len(pool))),
                  key=lambda s: (s["date"], s["client"]))
    orders = []
    for i, s in enumerate(pool):
        lead = 10 if s["product"] == "printers" else 15
        o = {"order": "SO-%d" % (41001 + i), "client": s["client"],
             "rep": s["rep"], "product": s["product"], "ordered": s["date"],
             "promised": add_bdays(s["date"], lead + rng.randint(-2, 3)),
             "issue": ""}
        o["shipped"] = add_bdays(s["date"], rng.randint(3, lead + 2))
        o["installed"] = add_bdays(o["shipped"], rng.randint(1, 4))
        orders.append(o)
    late_orders(orders)
    for o in orders:
        settle_order(o)
    return orders


def late_orders(orders):
    """Trouble for the follow-up desk: late, uninstalled, faulty."""
    past = [o for o in orders if o["promised"] < add_bdays(TODAY, -2)]
    picks = rng.sample(past, 18)
    for o in picks[:6]:         # past the promised date, not shipped
        o["shipped"] = o["installed"] = None
    for o in picks[6:11]:       # shipped over a week ago, never installed
        o["shipped"] = min(o["shipped"], add_bdays(TODAY, -rng.randint(7, 15)))
        o["installed"] = None
    for o in picks[11:]:        # installed, with a complaint
        o["shipped"] = min(o["shipped"], add_bdays(TODAY, -12))
        o["installed"] = add_bdays(o["shipped"], 2)
        o["issue"] = rng.choice(ISSUES)


def settle_order(o):
    """What the shipping export says as of today."""
    if o["shipped"] is not None and o["shipped"] >= TODAY:
        o["shipped"] = o["installed"] = None
    if o["installed"] is not None and o["installed"] >= TODAY:
        o["installed"] = None
    if o["installed"]:
        o["status"] = "installed"
    elif o["shipped"]:
        o["status"] = "shipped"
    else:
        o["status"] = "ordered"


# --- meetings -----------------------------------------------------------

def travel_minutes(a, b):
    if not a or not b or a == b:
        return 0
    for x, y, m in TRAVEL_PAIRS:
        if {x, y} == {a, b}:
            return m
    return TRAVEL


def rep_window(rep):
    if rep["hours"]:
        a, b = rep["hours"].split("-")
        return (int(a[:2]) * 60 + int(a[3:]), int(b[:2]) * 60 + int(b[3:]))
    return (9 * 60, 17 * 60)


def works(rep, d):
    if not business_day(d):
        return False
    if rep["days"]:
        return d.strftime("%a").lower() in rep["days"].split(",")
    return True


# rep, first day, last day, from minute, to minute, location, note
AWAY = [
    ("alice", date(2026, 10, 12), date(2026, 10, 16), 540, 1020, "",
     "vacation"),
    ("jamal", date(2026, 11, 13), date(2026, 11, 13), 480, 960, "",
     "product training"),
    ("kate", date(2026, 11, 30), date(2026, 12, 2), 540, 1020, "", "PTO"),
    ("elena", date(2026, 12, 1), date(2026, 12, 1), 780, 1020, "",
     "dentist"),
    ("hiro", date(2026, 12, 3), date(2026, 12, 3), 540, 720, "",
     "doctor's appointment"),
    ("farid", date(2026, 12, 8), date(2026, 12, 10), 540, 1020,
     "Las Vegas", "print expo, booth duty"),
    ("dmitri", date(2026, 12, 14), date(2026, 12, 18), 540, 1020, "",
     "vacation"),
]
# days that must show some life: now, and the days before the long weekend
BUSY = {date(2026, 12, 1): 8, date(2026, 11, 30): 5, date(2026, 11, 27): 4}


def away_entries(reps):
    byrep = {r["rep"]: r for r in reps}
    out, blocked = [], {}
    for rep, d0, d1, m0, m1, loc, note in AWAY:
        tz = byrep[rep]["timezone"]
        out.append({"rep": rep, "client": "", "kind": "away",
                    "start": moment(tz, d0, m0), "end": moment(tz, d1, m1),
                    "location": loc, "note": note, "status": "scheduled"})
        for d in days(d0, d1):
            blocked[(rep, d)] = (m0, m1)
    return out, blocked


def day_window(rep, d, blocked):
    lo, hi = rep_window(rep)
    b = blocked.get((rep["rep"], d))
    if b is None:
        return lo, hi
    if b[0] <= lo and b[1] >= hi:
        return None
    if b[0] > lo:
        return lo, b[0] - BUFFER
    return b[1] + BUFFER, hi


def meeting_clients(rep, clients):
    own = [c for c in clients if c["rep"] == rep["rep"]]
    if rep["region"] == "*":
        own += [c for c in clients if c["region"] == "Central"
                and c["rep"] != "hiro" and c["stage"] != "customer"]
    return own


def pick_entry(rep, d, book, taken):
    fresh = [c for c in book if c["created"] <= d and c["client"] not in taken]
    c = rng.choice(fresh or book)
    taken.append(c["client"])
    if c["stage"] == "customer":
        kind = rng.choices(["visit", "call", "meeting"], [5, 4, 1])[0]
    else:
        kind = rng.choices(["meeting", "demo", "call"], [5, 3, 2])[0]
    if rep["region"] == "*" and c["region"] != "Central":
        kind = "call"   # national accounts out of town: by phone
    length = {"call": rng.choice([30, 30, 45]), "meeting": 60,
              "demo": 90, "visit": rng.choice([45, 60])}[kind]
    loc = "phone" if kind == "call" else c["city"]
    return {"rep": rep["rep"], "client": c["client"], "kind": kind,
            "length": length, "location": loc,
            "note": rng.choice(NOTES[kind])}


def place_day(rep, d, k, book, window):
    """Lay k entries on day d, leaving the buffer and the travel time."""
    lo, hi = window
    taken = []
    plan = [pick_entry(rep, d, book, taken) for _ in range(k)]
    cursor = lo + rng.choice([0, 0, 30, 60, 90, 120])
    placed, prev = [], None
    for e in plan:
        if prev:
            cursor = (prev["end_min"] + BUFFER
                      + travel_minutes(prev["location"], e["location"])
                      + rng.choice([0, 0, 15, 30, 60, 90]))
            cursor = (cursor + 14) // 15 * 15
        if cursor + e["length"] > hi:
            break
        e["start_min"], e["end_min"] = cursor, cursor + e["length"]
        e["start"] = moment(rep["timezone"], d, cursor)
        e["end"] = moment(rep["timezone"], d, cursor + e["length"])
        placed.append(e)
        prev = e
    return placed


def make_meetings(reps, clients):
    entries, blocked = away_entries(reps)
    active = [r for r in reps if r["active"] == "yes"]
    for d in days(BOOK_FROM, BOOK_TO):
        busy = rng.sample(active, BUSY[d]) if d in BUSY else []
        for rep in active:
            window = day_window(rep, d, blocked)
            if not works(rep, d) or window is None:
                continue
            w = [22, 45, 25, 8] if d >= TODAY else [73, 21, 5, 1]
            k = rng.choices([0, 1, 2, 3], w)[0]
            if any(rep is b for b in busy):
                k = max(k, 2)
            book = meeting_clients(rep, clients)
            entries += place_day(rep, d, k, book, window)
    for e in entries:
        if e["kind"] != "away":
            e["status"] = meeting_status(e)
    return number_meetings(entries)


def meeting_status(e):
    if e["start"] >= NOW:
        return "cancelled" if rng.random() < 0.05 else "scheduled"
    if e["end"] > NOW:
        return "scheduled"
    if e["start"].date() == date(2026, 11, 30) and rng.random() < 0.12:
        return "scheduled"      # not marked yet
    return rng.choices(["done", "cancelled", "no-show"], [85, 10, 5])[0]


def number_meetings(entries):
    """Ids follow the order entries were booked, not the order they run."""
    start = datetime(2026, 8, 10, 9, 0, tzinfo=zone(HOME))
    for e in entries:
        lead = timedelta(days=rng.randint(1, 25), minutes=rng.randrange(480))
        booked = min(e["start"] - lead, NOW - timedelta(hours=16))
        e["booked"] = max(booked, start + timedelta(minutes=rng.randrange(9999)))
    entries.sort(key=lambda e: e["booked"])
    for i, e in enumerate(entries):
        e["id"] = "M%d" % (i + 1)
    return entries


# --- follow-ups and their log -------------------------------------------

def deal_value(product_hint):
    lo, hi = {"copiers": (800000, 4500000), "printers": (150000, 1200000),
              "service": (200000, 1500000),
              "supplies": (50000, 500000)}[product_hint]
    return rounded(rng.randrange(lo, hi), 5000)


def followup(kind, client, rep, due, created, source="", note=""):
    return {"client": client, "rep": rep, "due": due, "kind": kind,
            "status": "open", "source": source, "intent": "",
            "probability": "", "value": None, "terms": "", "roadblocks": "",
            "next_step": "", "note": note, "updated": created,
            "created": created, "calls": []}


def call(f, at, intent, last=True):
    """Record a call on follow-up f: what the coordinator heard."""
    prob = {"won": 100, "lost": 0, "hot": rng.choice([70, 75, 80, 90]),
            "warm": rng.choice([40, 50, 60]),
            "cold": rng.choice([10, 15, 20, 30])}[intent]
    f["intent"], f["probability"] = intent, prob
    if f["value"] is None:
        f["value"] = deal_value(rng.choice(PRODUCTS))
    if intent in ("won", "hot") or rng.random() < 0.4:
        f["terms"] = rng.choice(TERMS)
    if intent in ("lost", "cold", "warm") and rng.random() < 0.7:
        f["roadblocks"] = rng.choice(ROADBLOCKS)
    f["note"] = {"won": "signed", "lost": "went with the incumbent",
                 "hot": "ready once terms are agreed",
                 "warm": "interested, no rush",
                 "cold": "revisit next year"}[intent]
    f["updated"] = at
    f["calls"].append(dict(at=at, intent=intent, probability=prob,
                           value=f["value"], terms=f["terms"],
                           roadblocks=f["roadblocks"], note=f["note"]))
    if intent in ("won", "lost") or (last and intent == "cold"):
        f["status"], f["next_step"] = "done", ""


def work_meeting_followup(f):
    due = f["due"]
    r = rng.random()
    if due >= date(2026, 11, 30) or (due > date(2026, 11, 20) and r < 0.6):
        return          # still to call
    if r < 0.06:
        f["status"], f["note"] = "cancelled", "client merged into another"
        f["updated"] = office_stamp(min(due, add_bdays(TODAY, -1)))
        return
    if r < 0.16 and due < date(2026, 11, 2):
        return          # forgotten: the overdue list will show it
    when = min(add_bdays(due, rng.randint(-1, 3)), add_bdays(TODAY, -1))
    if r < 0.16:        # called once, another call booked
        call(f, office_stamp(when), rng.choice(["hot", "warm"]), last=False)
        soonest = max(add_bdays(when, 1), date(2026, 11, 23))
        f["due"] = rng.choice(bdays(soonest, date(2026, 12, 11)))
        f["next_step"] = rng.choice(NEXT_STEPS)
        return
    if rng.random() < 0.25:
        first = add_bdays(when, -rng.randint(2, 6))
        call(f, office_stamp(max(first, due)), "warm", last=False)
    call(f, office_stamp(when),
         rng.choices(["won", "lost", "cold"], [45, 35, 20])[0])
    f["status"] = "done"


def meeting_followups(meetings, clients):
    byid = {c["client"]: c for c in clients}
    out = []
    for m in meetings:
        if m["kind"] == "away" or m["status"] != "done":
            continue
        end = m["end"].date()
        if end > date(2026, 11, 24) or rng.random() < 0.02:
            continue    # plan not run since, or marked done too late
        opened = moment(HOME, add_bdays(end, 1), 8 * 60 + 45)
        f = followup("meeting", m["client"], m["rep"], add_bdays(end, 2),
                     opened, source=m["id"])
        if byid[m["client"]]["stage"] != "customer" and rng.random() < 0.5:
            f["value"] = deal_value(rng.choice(PRODUCTS))
        work_meeting_followup(f)
        out.append(f)
    return out


def order_followups(orders):
    """What earlier runs of followup deliveries opened, and how it went."""
    cap = add_bdays(TODAY, -1)
    out = []
    for o in orders:
        if not o["shipped"] and o["promised"] < TODAY:
            run = min(add_bdays(o["promised"], rng.randint(1, 4)), cap)
            kind = "delivery"
        elif (o["shipped"] and not o["installed"]
              and add_bdays(o["shipped"], 5) < TODAY):
            run = min(add_bdays(o["shipped"], 6), cap)
            kind = "delivery"
        elif o["issue"]:
            run = min(add_bdays(o["installed"], rng.randint(2, 5)), cap)
            kind = "issue"
        elif o["installed"] and o["shipped"] > o["promised"]:
            if rng.random() < 0.4:
                out.append(settled_delivery(o))
            continue
        else:
            continue
        if rng.random() < 0.55:
            out.append(order_followup(kind, o, run))
    return out


def order_followup(kind, o, run):
    if kind == "issue":
        note, step = o["issue"], "send a technician"
    elif not o["shipped"]:
        note, step = "not shipped, promised %s" % o["promised"], \
            "call shipping"
    else:
        note, step = "shipped %s, not installed" % o["shipped"], \
            "book the install"
    f = followup(kind, o["client"], o["rep"], add_bdays(run, 1),
                 moment(HOME, run, 7 * 60), source=o["order"], note=note)
    f["next_step"] = step
    return f


def settled_delivery(o):
    """A late order chased earlier and installed since."""
    f = order_followup("delivery", o, add_bdays(o["promised"], 1))
    f["status"], f["next_step"] = "done", ""
    f["note"] = "shipped late, installed %s" % o["installed"]
    f["updated"] = office_stamp(o["installed"])
    return f


def inbound_followups(assignments):
    out = []
    for a in assignments:
        if not a["rep"] or a["reason"] == "owner" or rng.random() < 0.4:
            continue
        d = a["at"].date()
        f = followup("inbound", a["client"], a["rep"], add_bdays(d, 1),
                     a["at"] + timedelta(minutes=2),
                     note="asked about %s" % a["product"])
        if add_bdays(d, 1) < add_bdays(TODAY, -3):
            call(f, office_stamp(add_bdays(d, 1)),
                 rng.choice(["hot", "warm", "cold", "cold", "lost"]))
            if f["status"] == "open":
                f["due"] = add_bdays(TODAY, rng.randint(-3, 6))
                f["next_step"] = "book a first meeting"
        out.append(f)
    return out


def renewal_followups(clients):
    pool = [c for c in clients if c["stage"] == "customer" and c["rep"]
            and c["rep"] != "luis"]
    out = []
    for c in rng.sample(pool, 9):
        expires = date(2027, rng.randint(1, 3), 1) - timedelta(days=1)
        due = add_bdays(expires, -40)
        opened = moment(HOME, add_bdays(due, -10), 7 * 60)
        f = followup("renewal", c["client"], c["rep"], due, opened,
                     note="service agreement ends %s" % expires)
        f["value"] = deal_value("service")
        out.append(f)
    return out


def make_followups(meetings, orders, assignments, clients):
    fs = (meeting_followups(meetings, clients) + order_followups(orders)
          + inbound_followups(assignments) + renewal_followups(clients))
    fs = [f for f in fs if f["created"] < NOW]
    fs.sort(key=lambda f: (f["created"], f["client"]))
    for i, f in enumerate(fs):
        f["id"] = "F%d" % (i + 1)
    return fs


def make_log(followups):
    """The audit trail, kept since the team started logging calls."""
    since = moment(HOME, date(2026, 11, 9), 0)
    rows = []
    for f in followups:
        for c in f["calls"]:
            if c["at"] >= since:
                rows.append((c["at"], f["id"], c))
    rows.sort(key=lambda r: (r[0], int(r[1][1:])))
    return rows


def set_capacity(reps, followups):
    load = {}
    for f in followups:
        if f["status"] == "open":
            load[f["rep"]] = load.get(f["rep"], 0) + 1
    for r in reps:
        if r["capacity"] == "at":
            r["capacity"] = str(max(1, load.get(r["rep"], 0)))


# --- assignments --------------------------------------------------------

def make_assignments(reps, clients):
    """Inbound calls and leads routed since October, as assign-rep
    --record left them."""
    byrep = {r["rep"]: r for r in reps}
    out = []
    for c in clients:
        if c["created"] < date(2026, 10, 1) or c["stage"] == "customer":
            continue
        at = office_stamp(c["created"])
        if at >= NOW:
            continue
        if not c["rep"]:
            if rng.random() < 0.3:
                out.append({"at": at, "client": c["client"],
                            "region": c["region"],
                            "product": rng.choice(PRODUCTS), "rep": "",
                            "reason": "no candidate: matching reps away "
                                      "or at capacity"})
            continue
        rep = byrep[c["rep"]]
        product = rng.choice(rep_products(rep))
        n = sum(1 for r in reps if r["active"] == "yes"
                and covers(r, c["region"]) and sells(r, product))
        out.append({"at": at, "client": c["client"], "region": c["region"],
                    "product": product, "rep": c["rep"],
                    "reason": "round-robin among %d" % n})
    for c in rng.sample([c for c in clients if c["stage"] == "customer"
                         and c["rep"] and c["rep"] != "luis"], 8):
        d = rng.choice(bdays(date(2026, 10, 1), date(2026, 11, 30)))
        out.append({"at": office_stamp(d), "client": c["client"],
                    "region": c["region"],
                    "product": rng.choice(rep_products(byrep[c["rep"]])),
                    "rep": c["rep"], "reason": "owner"})
    out.sort(key=lambda a: a["at"])
    return out


# --- expenses -----------------------------------------------------------

def expense():
    cat = rng.choices(["travel", "meals", "lodging", "mileage", "samples",
                       "events"], [12, 30, 10, 30, 10, 4])[0]
    if cat == "travel":
        city = rng.choice(["Denver", "Atlanta", "Dallas", "Phoenix",
                           "Boston", "Seattle", "Las Vegas"])
        return cat, rng.randrange(18000, 65000), "flight to %s" % city
    if cat == "meals":
        return cat, rng.randrange(1800, 14000), rng.choice(
            ["lunch with client", "coffee with prospect", "team dinner",
             "breakfast meeting", "lunch, demo day"])
    if cat == "lodging":
        nights = rng.randint(1, 3)
        return cat, nights * rng.randrange(12900, 28900), \
            "hotel, %d night%s" % (nights, "s" if nights > 1 else "")
    if cat == "mileage":
        miles = rng.randint(18, 240)
        return cat, miles * 70, "%d mi at 0.70" % miles
    if cat == "samples":
        return cat, rng.randrange(2500, 30000), rng.choice(
            ["toner samples", "paper samples", "demo unit shipping"])
    return cat, rng.randrange(25000, 250000), rng.choice(
        ["trade show booth share", "chamber of commerce mixer",
         "customer lunch-and-learn"])


def make_expenses(reps):
    rows = []
    for rep in reps:
        for y, m in months():
            dlist = [d for d in month_days(y, m)
                     if rep["active"] == "yes" or d <= LUIS_LEFT]
            for _ in range(rng.randint(3, 6) if dlist else 0):
                d = rng.choice(dlist)
                cat, cents, note = expense()
                rows.append((d, rep["rep"], cat, cents, note))
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


# --- writing ------------------------------------------------------------

def cell(v):
    if v is None:
        return ""
    if isinstance(v, datetime):
        return stamp(v)
    return str(v)


def write(dirname, name, rows):
    path = os.path.join(dirname, name)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS[name].split(","))
        for r in rows:
            w.writerow([cell(v) for v in r])


def pick(dicts, name):
    cols = COLUMNS[name].split(",")
    return [[d[c] for c in cols] for d in dicts]


def write_followups(dirname, fs):
    rows = []
    for f in fs:
        value = money(f["value"]) if f["value"] is not None else ""
        rows.append([f["id"], f["client"], f["rep"], f["due"], f["kind"],
                     f["status"], f["source"], f["intent"], f["probability"],
                     value, f["terms"], f["roadblocks"], f["next_step"],
                     f["note"], f["updated"]])
    write(dirname, "followups.csv", rows)


def write_ini(dirname):
    text = """\
; salesdesk.ini for the Lakeshore Office Systems demo team
[salesdesk]
timezone = America/Chicago
currency = USD
fiscal_year_start = 1      ; the fiscal year is the calendar year

[hours]
default = 09:00-17:00
days = mon-fri
holidays = %s

[schedule]
length = 60m               ; default meeting length
buffer = 15m               ; kept free between a rep's entries
travel = 30m               ; between two places travel.csv does not list
domain = %s

[followup]
after = 2bd
install_within = 5bd

[assign]
strategy = round-robin

[output]
csv_safe = no              ; yes: guard cells bound for a spreadsheet

[lock]
timeout = 10s
""" % (", ".join(str(d) for d in HOLIDAYS), DOMAIN)
    with open(os.path.join(dirname, "salesdesk.ini"), "w",
              encoding="utf-8") as f:
        f.write(text)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen-demo.py DIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    reps = make_reps()
    clients = make_clients(reps)
    sales = make_sales(reps, clients)
    targets = make_targets(reps, sales)
    orders = make_orders(sales)
    meetings = make_meetings(reps, clients)
    assignments = make_assignments(reps, clients)
    followups = make_followups(meetings, orders, assignments, clients)
    set_capacity(reps, followups)

    write(out, "reps.csv", pick(reps, "reps.csv"))
    write(out, "clients.csv", pick(clients, "clients.csv"))
    write(out, "sales.csv", [[s["date"], s["rep"], s["client"], s["region"],
                              s["product"], s["quantity"], money(s["amount"])]
                             for s in sales])
    write(out, "targets.csv", targets)
    write(out, "orders.csv", pick(orders, "orders.csv"))
    write(out, "meetings.csv", pick(meetings, "meetings.csv"))
    write_followups(out, followups)
    write(out, "followup-log.csv",
          [[at, fid, c["intent"], c["probability"], money(c["value"]),
            c["terms"], c["roadblocks"], c["note"]]
           for at, fid, c in make_log(followups)])
    write(out, "assignments.csv", pick(assignments, "assignments.csv"))
    write(out, "expenses.csv", [[d, r, cat, money(c), note]
                                for d, r, cat, c, note in make_expenses(reps)])
    write(out, "travel.csv", TRAVEL_PAIRS)
    write_ini(out)


if __name__ == "__main__":
    main()
