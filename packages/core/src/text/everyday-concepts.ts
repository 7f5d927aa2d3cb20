/**
 * A small hand-written thesaurus of everyday life (English, a few Japanese synonyms) for query
 * expansion, in two kinds of entry:
 *
 * - Categories: `trigger, trigger > member member ...`. A query that names the category ("which
 *   sports does she play?", "what pets?") also looks for its members ("tennis", "hamster"), since
 *   people mention the instance, not the category.
 * - Synonyms: `word = word = word`. Each word also finds the others.
 *
 * Triggers may be two words ("martial arts"); they win over their single words. Every word goes
 * through the search tokenizer (stemming), so inflected forms match. Deliberately general: no
 * names, nothing taken from an evaluation set.
 */
export const EVERYDAY_CONCEPTS: readonly string[] = [
  // Places.
  'country, countries, nation, abroad > america usa canada mexico brazil argentina peru chile colombia england britain uk scotland ireland wales france germany spain portugal italy greece netherlands belgium switzerland austria sweden norway denmark finland iceland poland russia ukraine turkey egypt morocco kenya nigeria india china japan korea thailand vietnam indonesia philippines australia zealand',
  'european, europe > england britain uk scotland ireland wales france germany spain portugal italy greece netherlands belgium switzerland austria sweden norway denmark finland iceland poland czech hungary croatia',
  'asian, asia > india china japan korea thailand vietnam indonesia philippines malaysia singapore nepal',
  'city, cities, town > paris london rome berlin madrid barcelona amsterdam vienna prague lisbon dublin tokyo kyoto osaka seoul beijing shanghai bangkok sydney toronto vancouver chicago boston seattle miami york angeles vegas francisco',
  'state, states > california texas florida york washington oregon colorado hawaii alaska',
  'region, area, areas > coast northwest northeast southwest southeast midwest mountains countryside',
  'vacation, trip, travel, holiday > trip travel vacation journey tour visit flight road beach resort abroad',
  // People.
  'family, relative, relatives > mom mother dad father parent sister brother sibling son daughter kid child grandma grandmother grandpa grandfather aunt uncle cousin niece nephew wife husband spouse',
  'partner, relationship > boyfriend girlfriend wife husband spouse partner date dating married engaged',
  'relationship status, marital status > single married divorced engaged dating breakup boyfriend girlfriend',
  'friend, friends > friend buddy pal bestie colleague neighbor neighbour',
  'job, career, profession, occupation, work > teacher nurse doctor engineer lawyer banker chef cook artist designer developer programmer manager accountant writer musician photographer police firefighter soldier military counselor therapist',
  // Activities.
  'sport, sports > football soccer basketball baseball tennis golf hockey volleyball rugby cricket swimming running cycling skiing surfing skating boxing kickboxing wrestling climbing yoga',
  'martial art, martial arts > karate judo taekwondo kickboxing boxing kungfu aikido jiujitsu wrestling',
  'exercise, workout, fitness > gym running jogging yoga pilates swimming cycling hiking lifting weights workout',
  'hobby, hobbies, activity, activities, pastime > painting drawing pottery sculpting knitting sewing baking cooking gardening reading writing photography hiking camping fishing swimming running cycling dancing singing yoga gaming',
  'art, arts, artwork, creative > painting drawing sketching sculpture pottery ceramics photography calligraphy mural canvas',
  'outdoor, outdoors, nature > hiking camping fishing climbing kayaking canoeing beach forest mountain lake park trail',
  'instrument, instruments > guitar piano violin cello drums flute saxophone trumpet ukulele bass keyboard harp clarinet',
  'music, genre > rock pop jazz classical blues country folk rap hip hop metal punk indie opera',
  'game, games > chess poker cards puzzle monopoly scrabble videogame console playstation xbox nintendo minecraft',
  'book, books, reading > novel book story memoir biography poetry comic fantasy mystery romance',
  'movie, movies, film, films, show > movie film cinema series documentary drama comedy thriller cartoon',
  'event, events > party festival concert fair conference competition tournament wedding ceremony parade fundraiser exhibition show gala',
  'volunteer, charity, volunteering > shelter donation fundraiser charity volunteer donate nonprofit',
  // Things.
  'pet, pets, animal, animals > dog puppy cat kitten hamster rabbit bunny parrot bird fish turtle horse guinea',
  'food, dish, meal, cuisine > pizza pasta burger sushi ramen taco salad soup sandwich steak chicken curry noodles rice bread cake pie cookie chocolate',
  'dessert, sweet, sweets > cake pie cookie cookies chocolate ice cream brownie cupcake pudding',
  'drink, beverage > coffee tea juice soda water wine beer smoothie milk',
  'vehicle, transport > car truck bike bicycle motorcycle bus train plane boat',
  'flower, flowers > rose tulip lily daisy sunflower orchid',
  'season, seasons > spring summer autumn fall winter',
  'holiday, holidays, celebration > christmas thanksgiving easter halloween birthday anniversary hanukkah diwali eid',
  'language, languages > english spanish french german italian japanese chinese korean arabic portuguese russian',
  'school, education, study, studies > school college university class course degree diploma certification exam lecture',
  'health, illness, sickness, medical > sick ill injury hospital doctor surgery therapy flu cold fever pain',
  'damage, accident, incident > broke broken crash accident flat tire windshield dent',
  'money, financial, finance > money salary income savings debt budget wallet rich poor wealthy loan',
  'emotion, feeling, feelings, mood > happy sad angry anxious scared nervous excited proud grateful lonely stressed calm',
  // Synonyms.
  'stress = anxiety = pressure = tension = overwhelmed',
  'destress = de-stress = relax = unwind = chill = calm = relief',
  'like = love = enjoy = fond',
  'recently = lately',
  'talk = chat = speak = conversation',
  'help = support = assist',
  'finish = complete',
  'beautiful = pretty = gorgeous = lovely',
  'angry = mad = furious',
  'tired = exhausted = sleepy',
  'hard = difficult = tough',
  'funny = hilarious',
  'smart = clever = intelligent',
  'happy = glad = joyful = cheerful = delighted',
  'sad = unhappy = down = upset = depressed',
  'scared = afraid = frightened = fearful',
  'buy = purchase = shop',
  'car = automobile = vehicle',
  'kid = child = son = daughter',
  'mom = mother = mum',
  'dad = father',
  'house = home',
  'trip = travel = journey = vacation',
  'photo = picture = pic = photograph',
  'start = begin',
  'quit = stop',
  'job = work = career = employment',
  'gift = present',
  'doctor = physician',
  'film = movie',
  'shop = store',
  'class = course = lesson = workshop',
  'sick = ill',
  'big = large',
  'small = little = tiny',
  '家族 = 家庭',
  '仕事 = 職場 = 会社',
  '旅行 = 旅',
  '写真 = 画像',
];
