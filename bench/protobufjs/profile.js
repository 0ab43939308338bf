/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from 'protobufjs/minimal.js'

// Common aliases
const $Reader = $protobuf.Reader,
  $util = $protobuf.util
const $Object = $util.global.Object,
  $undefined = $util.global.undefined,
  $Error = $util.global.Error,
  $RangeError = $util.global.RangeError

// Exported root namespace
const $root = $protobuf.roots['default'] || ($protobuf.roots['default'] = {})

export const perftools = ($root.perftools = (() => {
  /**
   * Namespace perftools.
   * @exports perftools
   * @namespace
   */
  const perftools = {}

  perftools.profiles = (function () {
    /**
     * Namespace profiles.
     * @memberof perftools
     * @namespace
     */
    const profiles = {}

    profiles.Profile = (function () {
      /**
       * Properties of a Profile.
       * @typedef {Object} perftools.profiles.Profile.$Properties
       * @property {Array.<perftools.profiles.ValueType.$Properties>|null} [sample_type] Profile sample_type
       * @property {Array.<perftools.profiles.Sample.$Properties>|null} [sample] Profile sample
       * @property {Array.<perftools.profiles.Mapping.$Properties>|null} [mapping] Profile mapping
       * @property {Array.<perftools.profiles.Location.$Properties>|null} [location] Profile location
       * @property {Array.<perftools.profiles.Function.$Properties>|null} ["function"] Profile function
       * @property {Array.<string>|null} [string_table] Profile string_table
       * @property {number|null} [drop_frames] Profile drop_frames
       * @property {number|null} [keep_frames] Profile keep_frames
       * @property {number|null} [time_nanos] Profile time_nanos
       * @property {number|null} [duration_nanos] Profile duration_nanos
       * @property {perftools.profiles.ValueType.$Properties|null} [period_type] Profile period_type
       * @property {number|null} [period] Profile period
       * @property {Array.<number>|null} [comment] Profile comment
       * @property {number|null} [default_sample_type] Profile default_sample_type
       * @property {number|null} [doc_url] Profile doc_url
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a Profile.
       * @memberof perftools.profiles
       * @interface IProfile
       * @augments perftools.profiles.Profile.$Properties
       * @deprecated Use perftools.profiles.Profile.$Properties instead.
       */

      /**
       * Shape of a Profile.
       * @typedef {perftools.profiles.Profile.$Properties} perftools.profiles.Profile.$Shape
       */

      /**
       * Constructs a new Profile.
       * @memberof perftools.profiles
       * @classdesc Represents a Profile.
       * @constructor
       * @param {perftools.profiles.Profile.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const Profile = function (properties) {
        this.sample_type = []
        this.sample = []
        this.mapping = []
        this.location = []
        this['function'] = []
        this.string_table = []
        this.comment = []
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]]
      }

      /**
       * Profile sample_type.
       * @member {Array.<perftools.profiles.ValueType.$Properties>} sample_type
       * @memberof perftools.profiles.Profile
       * @instance
       */
      Profile.prototype.sample_type = $util.emptyArray

      /**
       * Profile sample.
       * @member {Array.<perftools.profiles.Sample.$Properties>} sample
       * @memberof perftools.profiles.Profile
       * @instance
       */
      Profile.prototype.sample = $util.emptyArray

      /**
       * Profile mapping.
       * @member {Array.<perftools.profiles.Mapping.$Properties>} mapping
       * @memberof perftools.profiles.Profile
       * @instance
       */
      Profile.prototype.mapping = $util.emptyArray

      /**
       * Profile location.
       * @member {Array.<perftools.profiles.Location.$Properties>} location
       * @memberof perftools.profiles.Profile
       * @instance
       */
      Profile.prototype.location = $util.emptyArray

      /**
       * Profile function.
       * @member {Array.<perftools.profiles.Function.$Properties>} function
       * @memberof perftools.profiles.Profile
       * @instance
       */
      Profile.prototype['function'] = $util.emptyArray

      /**
       * Profile string_table.
       * @member {Array.<string>} string_table
       * @memberof perftools.profiles.Profile
       * @instance
       */
      Profile.prototype.string_table = $util.emptyArray

      /**
       * Profile drop_frames.
       * @member {number} drop_frames
       * @memberof perftools.profiles.Profile
       * @instance
       */
      Profile.prototype.drop_frames = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Profile keep_frames.
       * @member {number} keep_frames
       * @memberof perftools.profiles.Profile
       * @instance
       */
      Profile.prototype.keep_frames = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Profile time_nanos.
       * @member {number} time_nanos
       * @memberof perftools.profiles.Profile
       * @instance
       */
      Profile.prototype.time_nanos = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Profile duration_nanos.
       * @member {number} duration_nanos
       * @memberof perftools.profiles.Profile
       * @instance
       */
      Profile.prototype.duration_nanos = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Profile period_type.
       * @member {perftools.profiles.ValueType.$Properties|null|undefined} period_type
       * @memberof perftools.profiles.Profile
       * @instance
       */
      Profile.prototype.period_type = null

      /**
       * Profile period.
       * @member {number} period
       * @memberof perftools.profiles.Profile
       * @instance
       */
      Profile.prototype.period = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Profile comment.
       * @member {Array.<number>} comment
       * @memberof perftools.profiles.Profile
       * @instance
       */
      Profile.prototype.comment = $util.emptyArray

      /**
       * Profile default_sample_type.
       * @member {number} default_sample_type
       * @memberof perftools.profiles.Profile
       * @instance
       */
      Profile.prototype.default_sample_type = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Profile doc_url.
       * @member {number} doc_url
       * @memberof perftools.profiles.Profile
       * @instance
       */
      Profile.prototype.doc_url = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Decodes a Profile message from the specified reader or buffer.
       * @function decode
       * @memberof perftools.profiles.Profile
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {perftools.profiles.Profile & perftools.profiles.Profile.$Shape} Profile
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      Profile.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader)
        if (_depth === $undefined) _depth = 0
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded')
        let end, message, value
        if (length === $undefined) end = reader.len
        else {
          end = reader.pos + length
          if (end > reader.len) throw $RangeError('index out of range')
          length = reader.len
          reader.len = end
        }
        message = _target || new $root.perftools.profiles.Profile()
        while (reader.pos < end) {
          let start = reader.pos
          let tag = reader.tag()
          if (tag === _end) {
            _end = $undefined
            break
          }
          let wireType = tag & 7
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 2) break
              if (!(message.sample_type && message.sample_type.length)) message.sample_type = []
              message.sample_type.push(
                $root.perftools.profiles.ValueType.decode(
                  reader,
                  reader.size(),
                  $undefined,
                  _depth + 1
                )
              )
              continue
            }
            case 2: {
              if (wireType !== 2) break
              if (!(message.sample && message.sample.length)) message.sample = []
              message.sample.push(
                $root.perftools.profiles.Sample.decode(
                  reader,
                  reader.size(),
                  $undefined,
                  _depth + 1
                )
              )
              continue
            }
            case 3: {
              if (wireType !== 2) break
              if (!(message.mapping && message.mapping.length)) message.mapping = []
              message.mapping.push(
                $root.perftools.profiles.Mapping.decode(
                  reader,
                  reader.size(),
                  $undefined,
                  _depth + 1
                )
              )
              continue
            }
            case 4: {
              if (wireType !== 2) break
              if (!(message.location && message.location.length)) message.location = []
              message.location.push(
                $root.perftools.profiles.Location.decode(
                  reader,
                  reader.size(),
                  $undefined,
                  _depth + 1
                )
              )
              continue
            }
            case 5: {
              if (wireType !== 2) break
              if (!(message['function'] && message['function'].length)) message['function'] = []
              message['function'].push(
                $root.perftools.profiles.Function.decode(
                  reader,
                  reader.size(),
                  $undefined,
                  _depth + 1
                )
              )
              continue
            }
            case 6: {
              if (wireType !== 2) break
              if (!(message.string_table && message.string_table.length)) message.string_table = []
              message.string_table.push(reader.stringVerify())
              continue
            }
            case 7: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.drop_frames = value
              else delete message.drop_frames
              continue
            }
            case 8: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.keep_frames = value
              else delete message.keep_frames
              continue
            }
            case 9: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.time_nanos = value
              else delete message.time_nanos
              continue
            }
            case 10: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.duration_nanos = value
              else delete message.duration_nanos
              continue
            }
            case 11: {
              if (wireType !== 2) break
              message.period_type = $root.perftools.profiles.ValueType.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.period_type
              )
              continue
            }
            case 12: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.period = value
              else delete message.period
              continue
            }
            case 13: {
              if (wireType === 2) {
                if (!(message.comment && message.comment.length)) message.comment = []
                reader.int64s(message.comment)
                continue
              }
              if (wireType !== 0) break
              if (!(message.comment && message.comment.length)) message.comment = []
              message.comment.push(reader.int64())
              continue
            }
            case 14: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.default_sample_type = value
              else delete message.default_sample_type
              continue
            }
            case 15: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.doc_url = value
              else delete message.doc_url
              continue
            }
          }
          reader.skipType(wireType, _depth, tag)
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false)
            ;(message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos))
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range')
          reader.len = length
        }
        if (_end !== $undefined) throw $Error('missing end group')
        return message
      }

      return Profile
    })()

    profiles.ValueType = (function () {
      /**
       * Properties of a ValueType.
       * @typedef {Object} perftools.profiles.ValueType.$Properties
       * @property {number|null} [type] ValueType type
       * @property {number|null} [unit] ValueType unit
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a ValueType.
       * @memberof perftools.profiles
       * @interface IValueType
       * @augments perftools.profiles.ValueType.$Properties
       * @deprecated Use perftools.profiles.ValueType.$Properties instead.
       */

      /**
       * Shape of a ValueType.
       * @typedef {perftools.profiles.ValueType.$Properties} perftools.profiles.ValueType.$Shape
       */

      /**
       * Constructs a new ValueType.
       * @memberof perftools.profiles
       * @classdesc Represents a ValueType.
       * @constructor
       * @param {perftools.profiles.ValueType.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const ValueType = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]]
      }

      /**
       * ValueType type.
       * @member {number} type
       * @memberof perftools.profiles.ValueType
       * @instance
       */
      ValueType.prototype.type = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * ValueType unit.
       * @member {number} unit
       * @memberof perftools.profiles.ValueType
       * @instance
       */
      ValueType.prototype.unit = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Decodes a ValueType message from the specified reader or buffer.
       * @function decode
       * @memberof perftools.profiles.ValueType
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {perftools.profiles.ValueType & perftools.profiles.ValueType.$Shape} ValueType
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      ValueType.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader)
        if (_depth === $undefined) _depth = 0
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded')
        let end, message, value
        if (length === $undefined) end = reader.len
        else {
          end = reader.pos + length
          if (end > reader.len) throw $RangeError('index out of range')
          length = reader.len
          reader.len = end
        }
        message = _target || new $root.perftools.profiles.ValueType()
        while (reader.pos < end) {
          let start = reader.pos
          let tag = reader.tag()
          if (tag === _end) {
            _end = $undefined
            break
          }
          let wireType = tag & 7
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.type = value
              else delete message.type
              continue
            }
            case 2: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.unit = value
              else delete message.unit
              continue
            }
          }
          reader.skipType(wireType, _depth, tag)
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false)
            ;(message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos))
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range')
          reader.len = length
        }
        if (_end !== $undefined) throw $Error('missing end group')
        return message
      }

      return ValueType
    })()

    profiles.Sample = (function () {
      /**
       * Properties of a Sample.
       * @typedef {Object} perftools.profiles.Sample.$Properties
       * @property {Array.<number>|null} [location_id] Sample location_id
       * @property {Array.<number>|null} [value] Sample value
       * @property {Array.<perftools.profiles.Label.$Properties>|null} [label] Sample label
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a Sample.
       * @memberof perftools.profiles
       * @interface ISample
       * @augments perftools.profiles.Sample.$Properties
       * @deprecated Use perftools.profiles.Sample.$Properties instead.
       */

      /**
       * Shape of a Sample.
       * @typedef {perftools.profiles.Sample.$Properties} perftools.profiles.Sample.$Shape
       */

      /**
       * Constructs a new Sample.
       * @memberof perftools.profiles
       * @classdesc Represents a Sample.
       * @constructor
       * @param {perftools.profiles.Sample.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const Sample = function (properties) {
        this.location_id = []
        this.value = []
        this.label = []
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]]
      }

      /**
       * Sample location_id.
       * @member {Array.<number>} location_id
       * @memberof perftools.profiles.Sample
       * @instance
       */
      Sample.prototype.location_id = $util.emptyArray

      /**
       * Sample value.
       * @member {Array.<number>} value
       * @memberof perftools.profiles.Sample
       * @instance
       */
      Sample.prototype.value = $util.emptyArray

      /**
       * Sample label.
       * @member {Array.<perftools.profiles.Label.$Properties>} label
       * @memberof perftools.profiles.Sample
       * @instance
       */
      Sample.prototype.label = $util.emptyArray

      /**
       * Decodes a Sample message from the specified reader or buffer.
       * @function decode
       * @memberof perftools.profiles.Sample
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {perftools.profiles.Sample & perftools.profiles.Sample.$Shape} Sample
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      Sample.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader)
        if (_depth === $undefined) _depth = 0
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded')
        let end, message
        if (length === $undefined) end = reader.len
        else {
          end = reader.pos + length
          if (end > reader.len) throw $RangeError('index out of range')
          length = reader.len
          reader.len = end
        }
        message = _target || new $root.perftools.profiles.Sample()
        while (reader.pos < end) {
          let start = reader.pos
          let tag = reader.tag()
          if (tag === _end) {
            _end = $undefined
            break
          }
          let wireType = tag & 7
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType === 2) {
                if (!(message.location_id && message.location_id.length)) message.location_id = []
                reader.uint64s(message.location_id)
                continue
              }
              if (wireType !== 0) break
              if (!(message.location_id && message.location_id.length)) message.location_id = []
              message.location_id.push(reader.uint64())
              continue
            }
            case 2: {
              if (wireType === 2) {
                if (!(message.value && message.value.length)) message.value = []
                reader.int64s(message.value)
                continue
              }
              if (wireType !== 0) break
              if (!(message.value && message.value.length)) message.value = []
              message.value.push(reader.int64())
              continue
            }
            case 3: {
              if (wireType !== 2) break
              if (!(message.label && message.label.length)) message.label = []
              message.label.push(
                $root.perftools.profiles.Label.decode(reader, reader.size(), $undefined, _depth + 1)
              )
              continue
            }
          }
          reader.skipType(wireType, _depth, tag)
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false)
            ;(message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos))
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range')
          reader.len = length
        }
        if (_end !== $undefined) throw $Error('missing end group')
        return message
      }

      return Sample
    })()

    profiles.Label = (function () {
      /**
       * Properties of a Label.
       * @typedef {Object} perftools.profiles.Label.$Properties
       * @property {number|null} [key] Label key
       * @property {number|null} [str] Label str
       * @property {number|null} [num] Label num
       * @property {number|null} [num_unit] Label num_unit
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a Label.
       * @memberof perftools.profiles
       * @interface ILabel
       * @augments perftools.profiles.Label.$Properties
       * @deprecated Use perftools.profiles.Label.$Properties instead.
       */

      /**
       * Shape of a Label.
       * @typedef {perftools.profiles.Label.$Properties} perftools.profiles.Label.$Shape
       */

      /**
       * Constructs a new Label.
       * @memberof perftools.profiles
       * @classdesc Represents a Label.
       * @constructor
       * @param {perftools.profiles.Label.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const Label = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]]
      }

      /**
       * Label key.
       * @member {number} key
       * @memberof perftools.profiles.Label
       * @instance
       */
      Label.prototype.key = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Label str.
       * @member {number} str
       * @memberof perftools.profiles.Label
       * @instance
       */
      Label.prototype.str = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Label num.
       * @member {number} num
       * @memberof perftools.profiles.Label
       * @instance
       */
      Label.prototype.num = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Label num_unit.
       * @member {number} num_unit
       * @memberof perftools.profiles.Label
       * @instance
       */
      Label.prototype.num_unit = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Decodes a Label message from the specified reader or buffer.
       * @function decode
       * @memberof perftools.profiles.Label
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {perftools.profiles.Label & perftools.profiles.Label.$Shape} Label
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      Label.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader)
        if (_depth === $undefined) _depth = 0
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded')
        let end, message, value
        if (length === $undefined) end = reader.len
        else {
          end = reader.pos + length
          if (end > reader.len) throw $RangeError('index out of range')
          length = reader.len
          reader.len = end
        }
        message = _target || new $root.perftools.profiles.Label()
        while (reader.pos < end) {
          let start = reader.pos
          let tag = reader.tag()
          if (tag === _end) {
            _end = $undefined
            break
          }
          let wireType = tag & 7
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.key = value
              else delete message.key
              continue
            }
            case 2: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.str = value
              else delete message.str
              continue
            }
            case 3: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.num = value
              else delete message.num
              continue
            }
            case 4: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.num_unit = value
              else delete message.num_unit
              continue
            }
          }
          reader.skipType(wireType, _depth, tag)
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false)
            ;(message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos))
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range')
          reader.len = length
        }
        if (_end !== $undefined) throw $Error('missing end group')
        return message
      }

      return Label
    })()

    profiles.Mapping = (function () {
      /**
       * Properties of a Mapping.
       * @typedef {Object} perftools.profiles.Mapping.$Properties
       * @property {number|null} [id] Mapping id
       * @property {number|null} [memory_start] Mapping memory_start
       * @property {number|null} [memory_limit] Mapping memory_limit
       * @property {number|null} [file_offset] Mapping file_offset
       * @property {number|null} [filename] Mapping filename
       * @property {number|null} [build_id] Mapping build_id
       * @property {boolean|null} [has_functions] Mapping has_functions
       * @property {boolean|null} [has_filenames] Mapping has_filenames
       * @property {boolean|null} [has_line_numbers] Mapping has_line_numbers
       * @property {boolean|null} [has_inline_frames] Mapping has_inline_frames
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a Mapping.
       * @memberof perftools.profiles
       * @interface IMapping
       * @augments perftools.profiles.Mapping.$Properties
       * @deprecated Use perftools.profiles.Mapping.$Properties instead.
       */

      /**
       * Shape of a Mapping.
       * @typedef {perftools.profiles.Mapping.$Properties} perftools.profiles.Mapping.$Shape
       */

      /**
       * Constructs a new Mapping.
       * @memberof perftools.profiles
       * @classdesc Represents a Mapping.
       * @constructor
       * @param {perftools.profiles.Mapping.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const Mapping = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]]
      }

      /**
       * Mapping id.
       * @member {number} id
       * @memberof perftools.profiles.Mapping
       * @instance
       */
      Mapping.prototype.id = $util.Long ? $util.Long.fromBits(0, 0, true) : 0

      /**
       * Mapping memory_start.
       * @member {number} memory_start
       * @memberof perftools.profiles.Mapping
       * @instance
       */
      Mapping.prototype.memory_start = $util.Long ? $util.Long.fromBits(0, 0, true) : 0

      /**
       * Mapping memory_limit.
       * @member {number} memory_limit
       * @memberof perftools.profiles.Mapping
       * @instance
       */
      Mapping.prototype.memory_limit = $util.Long ? $util.Long.fromBits(0, 0, true) : 0

      /**
       * Mapping file_offset.
       * @member {number} file_offset
       * @memberof perftools.profiles.Mapping
       * @instance
       */
      Mapping.prototype.file_offset = $util.Long ? $util.Long.fromBits(0, 0, true) : 0

      /**
       * Mapping filename.
       * @member {number} filename
       * @memberof perftools.profiles.Mapping
       * @instance
       */
      Mapping.prototype.filename = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Mapping build_id.
       * @member {number} build_id
       * @memberof perftools.profiles.Mapping
       * @instance
       */
      Mapping.prototype.build_id = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Mapping has_functions.
       * @member {boolean} has_functions
       * @memberof perftools.profiles.Mapping
       * @instance
       */
      Mapping.prototype.has_functions = false

      /**
       * Mapping has_filenames.
       * @member {boolean} has_filenames
       * @memberof perftools.profiles.Mapping
       * @instance
       */
      Mapping.prototype.has_filenames = false

      /**
       * Mapping has_line_numbers.
       * @member {boolean} has_line_numbers
       * @memberof perftools.profiles.Mapping
       * @instance
       */
      Mapping.prototype.has_line_numbers = false

      /**
       * Mapping has_inline_frames.
       * @member {boolean} has_inline_frames
       * @memberof perftools.profiles.Mapping
       * @instance
       */
      Mapping.prototype.has_inline_frames = false

      /**
       * Decodes a Mapping message from the specified reader or buffer.
       * @function decode
       * @memberof perftools.profiles.Mapping
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {perftools.profiles.Mapping & perftools.profiles.Mapping.$Shape} Mapping
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      Mapping.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader)
        if (_depth === $undefined) _depth = 0
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded')
        let end, message, value
        if (length === $undefined) end = reader.len
        else {
          end = reader.pos + length
          if (end > reader.len) throw $RangeError('index out of range')
          length = reader.len
          reader.len = end
        }
        message = _target || new $root.perftools.profiles.Mapping()
        while (reader.pos < end) {
          let start = reader.pos
          let tag = reader.tag()
          if (tag === _end) {
            _end = $undefined
            break
          }
          let wireType = tag & 7
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.uint64()) === 'object'
                  ? value.low || value.high
                  : value !== 0
              )
                message.id = value
              else delete message.id
              continue
            }
            case 2: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.uint64()) === 'object'
                  ? value.low || value.high
                  : value !== 0
              )
                message.memory_start = value
              else delete message.memory_start
              continue
            }
            case 3: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.uint64()) === 'object'
                  ? value.low || value.high
                  : value !== 0
              )
                message.memory_limit = value
              else delete message.memory_limit
              continue
            }
            case 4: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.uint64()) === 'object'
                  ? value.low || value.high
                  : value !== 0
              )
                message.file_offset = value
              else delete message.file_offset
              continue
            }
            case 5: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.filename = value
              else delete message.filename
              continue
            }
            case 6: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.build_id = value
              else delete message.build_id
              continue
            }
            case 7: {
              if (wireType !== 0) break
              if ((value = reader.bool())) message.has_functions = value
              else delete message.has_functions
              continue
            }
            case 8: {
              if (wireType !== 0) break
              if ((value = reader.bool())) message.has_filenames = value
              else delete message.has_filenames
              continue
            }
            case 9: {
              if (wireType !== 0) break
              if ((value = reader.bool())) message.has_line_numbers = value
              else delete message.has_line_numbers
              continue
            }
            case 10: {
              if (wireType !== 0) break
              if ((value = reader.bool())) message.has_inline_frames = value
              else delete message.has_inline_frames
              continue
            }
          }
          reader.skipType(wireType, _depth, tag)
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false)
            ;(message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos))
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range')
          reader.len = length
        }
        if (_end !== $undefined) throw $Error('missing end group')
        return message
      }

      return Mapping
    })()

    profiles.Location = (function () {
      /**
       * Properties of a Location.
       * @typedef {Object} perftools.profiles.Location.$Properties
       * @property {number|null} [id] Location id
       * @property {number|null} [mapping_id] Location mapping_id
       * @property {number|null} [address] Location address
       * @property {Array.<perftools.profiles.Line.$Properties>|null} [line] Location line
       * @property {boolean|null} [is_folded] Location is_folded
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a Location.
       * @memberof perftools.profiles
       * @interface ILocation
       * @augments perftools.profiles.Location.$Properties
       * @deprecated Use perftools.profiles.Location.$Properties instead.
       */

      /**
       * Shape of a Location.
       * @typedef {perftools.profiles.Location.$Properties} perftools.profiles.Location.$Shape
       */

      /**
       * Constructs a new Location.
       * @memberof perftools.profiles
       * @classdesc Represents a Location.
       * @constructor
       * @param {perftools.profiles.Location.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const Location = function (properties) {
        this.line = []
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]]
      }

      /**
       * Location id.
       * @member {number} id
       * @memberof perftools.profiles.Location
       * @instance
       */
      Location.prototype.id = $util.Long ? $util.Long.fromBits(0, 0, true) : 0

      /**
       * Location mapping_id.
       * @member {number} mapping_id
       * @memberof perftools.profiles.Location
       * @instance
       */
      Location.prototype.mapping_id = $util.Long ? $util.Long.fromBits(0, 0, true) : 0

      /**
       * Location address.
       * @member {number} address
       * @memberof perftools.profiles.Location
       * @instance
       */
      Location.prototype.address = $util.Long ? $util.Long.fromBits(0, 0, true) : 0

      /**
       * Location line.
       * @member {Array.<perftools.profiles.Line.$Properties>} line
       * @memberof perftools.profiles.Location
       * @instance
       */
      Location.prototype.line = $util.emptyArray

      /**
       * Location is_folded.
       * @member {boolean} is_folded
       * @memberof perftools.profiles.Location
       * @instance
       */
      Location.prototype.is_folded = false

      /**
       * Decodes a Location message from the specified reader or buffer.
       * @function decode
       * @memberof perftools.profiles.Location
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {perftools.profiles.Location & perftools.profiles.Location.$Shape} Location
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      Location.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader)
        if (_depth === $undefined) _depth = 0
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded')
        let end, message, value
        if (length === $undefined) end = reader.len
        else {
          end = reader.pos + length
          if (end > reader.len) throw $RangeError('index out of range')
          length = reader.len
          reader.len = end
        }
        message = _target || new $root.perftools.profiles.Location()
        while (reader.pos < end) {
          let start = reader.pos
          let tag = reader.tag()
          if (tag === _end) {
            _end = $undefined
            break
          }
          let wireType = tag & 7
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.uint64()) === 'object'
                  ? value.low || value.high
                  : value !== 0
              )
                message.id = value
              else delete message.id
              continue
            }
            case 2: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.uint64()) === 'object'
                  ? value.low || value.high
                  : value !== 0
              )
                message.mapping_id = value
              else delete message.mapping_id
              continue
            }
            case 3: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.uint64()) === 'object'
                  ? value.low || value.high
                  : value !== 0
              )
                message.address = value
              else delete message.address
              continue
            }
            case 4: {
              if (wireType !== 2) break
              if (!(message.line && message.line.length)) message.line = []
              message.line.push(
                $root.perftools.profiles.Line.decode(reader, reader.size(), $undefined, _depth + 1)
              )
              continue
            }
            case 5: {
              if (wireType !== 0) break
              if ((value = reader.bool())) message.is_folded = value
              else delete message.is_folded
              continue
            }
          }
          reader.skipType(wireType, _depth, tag)
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false)
            ;(message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos))
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range')
          reader.len = length
        }
        if (_end !== $undefined) throw $Error('missing end group')
        return message
      }

      return Location
    })()

    profiles.Line = (function () {
      /**
       * Properties of a Line.
       * @typedef {Object} perftools.profiles.Line.$Properties
       * @property {number|null} [function_id] Line function_id
       * @property {number|null} [line] Line line
       * @property {number|null} [column] Line column
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a Line.
       * @memberof perftools.profiles
       * @interface ILine
       * @augments perftools.profiles.Line.$Properties
       * @deprecated Use perftools.profiles.Line.$Properties instead.
       */

      /**
       * Shape of a Line.
       * @typedef {perftools.profiles.Line.$Properties} perftools.profiles.Line.$Shape
       */

      /**
       * Constructs a new Line.
       * @memberof perftools.profiles
       * @classdesc Represents a Line.
       * @constructor
       * @param {perftools.profiles.Line.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const Line = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]]
      }

      /**
       * Line function_id.
       * @member {number} function_id
       * @memberof perftools.profiles.Line
       * @instance
       */
      Line.prototype.function_id = $util.Long ? $util.Long.fromBits(0, 0, true) : 0

      /**
       * Line line.
       * @member {number} line
       * @memberof perftools.profiles.Line
       * @instance
       */
      Line.prototype.line = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Line column.
       * @member {number} column
       * @memberof perftools.profiles.Line
       * @instance
       */
      Line.prototype.column = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Decodes a Line message from the specified reader or buffer.
       * @function decode
       * @memberof perftools.profiles.Line
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {perftools.profiles.Line & perftools.profiles.Line.$Shape} Line
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      Line.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader)
        if (_depth === $undefined) _depth = 0
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded')
        let end, message, value
        if (length === $undefined) end = reader.len
        else {
          end = reader.pos + length
          if (end > reader.len) throw $RangeError('index out of range')
          length = reader.len
          reader.len = end
        }
        message = _target || new $root.perftools.profiles.Line()
        while (reader.pos < end) {
          let start = reader.pos
          let tag = reader.tag()
          if (tag === _end) {
            _end = $undefined
            break
          }
          let wireType = tag & 7
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.uint64()) === 'object'
                  ? value.low || value.high
                  : value !== 0
              )
                message.function_id = value
              else delete message.function_id
              continue
            }
            case 2: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.line = value
              else delete message.line
              continue
            }
            case 3: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.column = value
              else delete message.column
              continue
            }
          }
          reader.skipType(wireType, _depth, tag)
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false)
            ;(message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos))
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range')
          reader.len = length
        }
        if (_end !== $undefined) throw $Error('missing end group')
        return message
      }

      return Line
    })()

    profiles.Function = (function () {
      /**
       * Properties of a Function.
       * @typedef {Object} perftools.profiles.Function.$Properties
       * @property {number|null} [id] Function id
       * @property {number|null} [name] Function name
       * @property {number|null} [system_name] Function system_name
       * @property {number|null} [filename] Function filename
       * @property {number|null} [start_line] Function start_line
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a Function.
       * @memberof perftools.profiles
       * @interface IFunction
       * @augments perftools.profiles.Function.$Properties
       * @deprecated Use perftools.profiles.Function.$Properties instead.
       */

      /**
       * Shape of a Function.
       * @typedef {perftools.profiles.Function.$Properties} perftools.profiles.Function.$Shape
       */

      /**
       * Constructs a new Function.
       * @memberof perftools.profiles
       * @classdesc Represents a Function.
       * @constructor
       * @param {perftools.profiles.Function.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const Function = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]]
      }

      /**
       * Function id.
       * @member {number} id
       * @memberof perftools.profiles.Function
       * @instance
       */
      Function.prototype.id = $util.Long ? $util.Long.fromBits(0, 0, true) : 0

      /**
       * Function name.
       * @member {number} name
       * @memberof perftools.profiles.Function
       * @instance
       */
      Function.prototype.name = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Function system_name.
       * @member {number} system_name
       * @memberof perftools.profiles.Function
       * @instance
       */
      Function.prototype.system_name = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Function filename.
       * @member {number} filename
       * @memberof perftools.profiles.Function
       * @instance
       */
      Function.prototype.filename = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Function start_line.
       * @member {number} start_line
       * @memberof perftools.profiles.Function
       * @instance
       */
      Function.prototype.start_line = $util.Long ? $util.Long.fromBits(0, 0, false) : 0

      /**
       * Decodes a Function message from the specified reader or buffer.
       * @function decode
       * @memberof perftools.profiles.Function
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {perftools.profiles.Function & perftools.profiles.Function.$Shape} Function
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      Function.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader)
        if (_depth === $undefined) _depth = 0
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded')
        let end, message, value
        if (length === $undefined) end = reader.len
        else {
          end = reader.pos + length
          if (end > reader.len) throw $RangeError('index out of range')
          length = reader.len
          reader.len = end
        }
        message = _target || new $root.perftools.profiles.Function()
        while (reader.pos < end) {
          let start = reader.pos
          let tag = reader.tag()
          if (tag === _end) {
            _end = $undefined
            break
          }
          let wireType = tag & 7
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.uint64()) === 'object'
                  ? value.low || value.high
                  : value !== 0
              )
                message.id = value
              else delete message.id
              continue
            }
            case 2: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.name = value
              else delete message.name
              continue
            }
            case 3: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.system_name = value
              else delete message.system_name
              continue
            }
            case 4: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.filename = value
              else delete message.filename
              continue
            }
            case 5: {
              if (wireType !== 0) break
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.start_line = value
              else delete message.start_line
              continue
            }
          }
          reader.skipType(wireType, _depth, tag)
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false)
            ;(message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos))
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range')
          reader.len = length
        }
        if (_end !== $undefined) throw $Error('missing end group')
        return message
      }

      return Function
    })()

    return profiles
  })()

  return perftools
})())

export { $root as default }
